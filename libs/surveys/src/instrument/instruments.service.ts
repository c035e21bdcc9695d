import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireAccess, type Actor } from '@changepulse/core';
import { InstrumentDto } from './instrument.dto';
import { Instrument, InstrumentItem } from './instrument.entity';

/** The questionnaires, read-only: versions arrive by migration. */
@Injectable()
export class InstrumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor): Promise<InstrumentDto[]> {
    requireAccess(actor, 'instrument.read');
    const instruments = await this.dataSource.getRepository(Instrument).find({ order: { key: 'ASC', version: 'DESC' } });
    const items = await this.dataSource.getRepository(InstrumentItem).find({ order: { position: 'ASC' } });
    return instruments.map((instrument) => InstrumentDto.from(instrument, items.filter((item) => item.instrumentId === instrument.id)));
  }

  /** The newest version of an instrument (by key), with its items in order. */
  async latest(manager: EntityManager, key = 'crm-leadership'): Promise<{ instrument: Instrument; items: InstrumentItem[] }> {
    const instrument = await manager.findOne(Instrument, { where: { key }, order: { version: 'DESC' } });
    if (!instrument) throw new NotFoundException(`No instrument ${key}`);
    return { instrument, items: await this.items(manager, instrument.id) };
  }

  async items(manager: EntityManager, instrumentId: string): Promise<InstrumentItem[]> {
    return manager.find(InstrumentItem, { where: { instrumentId }, order: { position: 'ASC' } });
  }
}
