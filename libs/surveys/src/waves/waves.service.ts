import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, hasAccess, JobQueue, QUEUES, requireAccess, type Actor, type Permission } from '@changepulse/core';
import { Market, Segment, type DirectoryFilter } from '@changepulse/people';
import { InstrumentsService } from '../instrument/instruments.service';
import { roundItems } from '../pulses/pulse-schedule';
import { CreateSurveyDto, SurveyDetailDto, SurveyDto, SurveyQueryDto } from './wave.dto';
import { SurveyWave } from './wave.entity';
import { DEFAULT_FATIGUE_CAP, eraseLinks, queueDeliveries, snapshotInvitations } from './wave-launch';
import { groupRates, totalsOf, waveTotals } from './wave-stats';

const DAY = 24 * 60 * 60 * 1000;

/** Survey waves: created as drafts, launched (who is invited is fixed then), closed. */
@Injectable()
export class WavesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instruments: InstrumentsService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateSurveyDto): Promise<SurveyDetailDto> {
    requireAccess(actor, 'survey.write', [input.market]);
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    if (closesAt <= opensAt) throw new BadRequestException('closesAt: must be after opensAt');
    if (input.channels.includes('slack')) throw new BadRequestException('channels: slack is not available yet; use email');
    return this.dataSource.transaction(async (manager) => {
      const market = await this.visibleMarket(manager, actor, input.market);
      const segment = input.segment ? await this.segmentFor(manager, input.segment, market.code) : null;
      const { instrument, items } = await this.instruments.latest(manager);
      const codes = new Set(items.map((item) => item.code));
      let itemCodes: string[];
      if (input.kind === 'baseline') {
        if (input.items) throw new BadRequestException('items: a baseline asks the whole instrument; leave items out');
        itemCodes = items.map((item) => item.code);
      } else {
        const unknown = (input.items ?? []).filter((code) => !codes.has(code));
        if (unknown.length) throw new BadRequestException(`items: no item ${unknown.join(', ')} in ${instrument.key} v${instrument.version}`);
        itemCodes = input.items ?? roundItems(items, 0, 5);
      }
      const remindersAt = (input.reminders ?? [new Date(closesAt.getTime() - 2 * DAY).toISOString()]).map((at) => new Date(at));
      const outside = remindersAt.find((at) => at <= opensAt || at >= closesAt);
      if (outside && input.reminders) throw new BadRequestException('reminders: each must fall between opensAt and closesAt');
      const wave = manager.create(SurveyWave, {
        kind: input.kind,
        title: input.title ?? `${input.kind === 'baseline' ? 'Baseline survey' : 'Pulse'} ${market.code}`,
        marketId: market.id,
        segmentId: segment?.id ?? null,
        instrumentId: instrument.id,
        channels: [...new Set(input.channels)],
        itemCodes,
        opensAt,
        closesAt,
        remindersAt: remindersAt.filter((at) => at > opensAt && at < closesAt),
        status: 'draft',
      });
      await manager.save(wave);
      return this.detail(manager, wave, market.code);
    });
  }

  async list(actor: Actor, query: SurveyQueryDto): Promise<SurveyDto[]> {
    requireAccess(actor, 'survey.read');
    const rows: Array<SurveyWave & { market_code: string }> = await this.dataSource
      .getRepository(SurveyWave)
      .createQueryBuilder('w')
      .innerJoin(Market, 'm', 'm.id = w.market_id')
      .addSelect('m.code', 'market_code')
      .where(query.market ? 'm.code = :market' : 'true', { market: query.market })
      .andWhere(query.status ? 'w.status = :status' : 'true', { status: query.status })
      .orderBy('w.opens_at', 'DESC')
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((wave, index) => Object.assign(wave, { market_code: raw[index].market_code as string })));
    const visible = rows.filter((wave) => hasAccess(actor, 'survey.read', [wave.market_code]));
    const totals = await waveTotals(this.dataSource.manager, visible.map((wave) => wave.id));
    return visible.map((wave) => toDto(wave, wave.market_code, totals.get(wave.id)));
  }

  async get(actor: Actor, id: string): Promise<SurveyDetailDto> {
    requireAccess(actor, 'survey.read');
    const { wave, market } = await this.find(this.dataSource.manager, actor, 'survey.read', id);
    return this.detail(this.dataSource.manager, wave, market.code);
  }

  /** Fixes who is invited, queues their mails and reminders, and opens the wave. */
  async launch(actor: Actor, id: string): Promise<SurveyDetailDto> {
    requireAccess(actor, 'survey.write');
    return this.dataSource.transaction(async (manager) => {
      const { wave, market } = await this.find(manager, actor, 'survey.write', id, true);
      if (wave.status !== 'draft') throw new ConflictException(`The survey is ${wave.status}; only a draft can be launched`);
      if (wave.closesAt <= new Date()) throw new ConflictException('closesAt is in the past; create a new survey');
      const filter: DirectoryFilter = { markets: [market.code] };
      if (wave.segmentId) Object.assign(filter, (await manager.findOneByOrFail(Segment, { id: wave.segmentId })).rules, { markets: [market.code] });
      await snapshotInvitations(manager, wave, filter, DEFAULT_FATIGUE_CAP);
      await queueDeliveries(manager, wave);
      Object.assign(wave, { status: 'open', launchedAt: new Date() });
      await manager.save(wave);
      await this.jobs.send(QUEUES.deliveriesDue, {}, manager);
      return this.detail(manager, wave, market.code);
    });
  }

  /** Closes the wave: no more answers, no more mails, and the link between tokens and people is erased. */
  async close(actor: Actor, id: string): Promise<SurveyDetailDto> {
    requireAccess(actor, 'survey.write');
    return this.dataSource.transaction(async (manager) => {
      const { wave, market } = await this.find(manager, actor, 'survey.write', id, true);
      if (wave.status === 'closed') throw new ConflictException('The survey is already closed');
      await closeWave(manager, wave);
      return this.detail(manager, wave, market.code);
    });
  }

  private async detail(manager: EntityManager, wave: SurveyWave, marketCode: string): Promise<SurveyDetailDto> {
    const totals = await waveTotals(manager, [wave.id]);
    const minimum = this.config.anonymityMinGroup;
    return {
      ...toDto(wave, marketCode, totals.get(wave.id)),
      byTier: await groupRates(manager, wave.id, 'tier_key', minimum),
      byDepartment: await groupRates(manager, wave.id, 'department', minimum),
    };
  }

  private async find(manager: EntityManager, actor: Actor, permission: Permission, id: string, lock = false): Promise<{ wave: SurveyWave; market: Market }> {
    const wave = await manager.findOne(SurveyWave, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!wave) throw new NotFoundException(`No survey with id ${id}`);
    const market = await manager.findOneByOrFail(Market, { id: wave.marketId });
    requireAccess(actor, permission, [market.code]);
    return { wave, market };
  }

  private async visibleMarket(manager: EntityManager, actor: Actor, code: string): Promise<Market> {
    const market = await manager.findOneBy(Market, { code });
    if (!market) throw new BadRequestException(`market: no market with code ${code}`);
    requireAccess(actor, 'survey.write', [code]);
    return market;
  }

  private async segmentFor(manager: EntityManager, id: string, marketCode: string): Promise<Segment> {
    const segment = await manager.findOneBy(Segment, { id });
    if (!segment) throw new BadRequestException(`segment: no segment with id ${id}`);
    if (segment.rules.markets?.length && !segment.rules.markets.includes(marketCode)) {
      throw new BadRequestException(`segment: "${segment.name}" has nobody in market ${marketCode}`);
    }
    return segment;
  }
}

/** Closes a wave inside the caller's transaction (by hand, or by the worker when closesAt passes). */
export async function closeWave(manager: EntityManager, wave: SurveyWave): Promise<void> {
  await eraseLinks(manager, wave.id);
  Object.assign(wave, { status: 'closed', closedAt: new Date() });
  await manager.save(wave);
}

function toDto(wave: SurveyWave, market: string, counts: { invited: number; responded: number } | undefined): SurveyDto {
  return {
    id: wave.id,
    kind: wave.kind,
    title: wave.title,
    market,
    segment: wave.segmentId,
    status: wave.status,
    channels: wave.channels,
    items: wave.itemCodes,
    opensAt: wave.opensAt.toISOString(),
    closesAt: wave.closesAt.toISOString(),
    reminders: wave.remindersAt.map((at) => new Date(at).toISOString()),
    launchedAt: wave.launchedAt?.toISOString() ?? null,
    closedAt: wave.closedAt?.toISOString() ?? null,
    ...totalsOf(counts),
  };
}
