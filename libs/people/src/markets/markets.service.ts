import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { canSeeMarket, requireAccess, type Actor, type Permission } from '@changepulse/core';
import { canonicalLocale } from '../shared/validators';
import { CreateMarketDto, MarketDto, UpdateMarketDto } from './market.dto';
import { Market } from './market.entity';

/** Markets: where people work; one or more pilots, and control markets to compare against. */
@Injectable()
export class MarketsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, input: CreateMarketDto): Promise<MarketDto> {
    requireAccess(actor, 'market.create');
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Market, { code: input.code })) throw new ConflictException(`code: a market with code ${input.code} already exists`);
      const market = manager.create(Market, {
        code: input.code,
        name: input.name,
        timezone: input.timezone,
        locale: canonicalLocale(input.locale)!,
        role: input.role ?? 'other',
        controls: input.controls ?? [],
      });
      await this.assertControls(manager, market);
      return MarketDto.from(await manager.save(market), 0);
    });
  }

  async list(actor: Actor): Promise<MarketDto[]> {
    requireAccess(actor, 'market.read');
    const markets = await this.dataSource.getRepository(Market).find({ order: { code: 'ASC' } });
    const visible = markets.filter((market) => canSeeMarket(actor, market.code));
    const counts = await this.activeCounts(visible.map((market) => market.id));
    return visible.map((market) => MarketDto.from(market, counts.get(market.id) ?? 0));
  }

  async get(actor: Actor, code: string): Promise<MarketDto> {
    requireAccess(actor, 'market.read');
    const market = await this.findVisible(actor, code);
    const counts = await this.activeCounts([market.id]);
    return MarketDto.from(market, counts.get(market.id) ?? 0);
  }

  async update(actor: Actor, code: string, input: UpdateMarketDto): Promise<MarketDto> {
    // The market and every control it is to be compared with must be within the actor's markets.
    requireAccess(actor, 'market.update', [code, ...(input.controls ?? [])]);
    return this.dataSource.transaction(async (manager) => {
      const market = await manager.findOne(Market, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!market) throw new NotFoundException(`No market with code ${code}`);
      Object.assign(market, { ...input, locale: input.locale ? canonicalLocale(input.locale)! : market.locale });
      if (input.role && input.role !== 'pilot' && input.controls === undefined) market.controls = [];
      await this.assertControls(manager, market);
      if (market.role !== 'control') await this.assertNotReferenced(manager, market.code);
      const saved = await manager.save(market);
      const counts = await this.activeCounts([market.id], manager);
      return MarketDto.from(saved, counts.get(market.id) ?? 0);
    });
  }

  /** The market with this code if the actor may use it for `permission`: 404 when it does not exist, 403 when out of reach. */
  async findVisible(actor: Actor, code: string, permission: Permission = 'market.read'): Promise<Market> {
    requireAccess(actor, permission);
    const market = await this.dataSource.getRepository(Market).findOneBy({ code });
    if (!market) throw new NotFoundException(`No market with code ${code}`);
    requireAccess(actor, permission, [code]);
    return market;
  }

  private async assertControls(manager: EntityManager, market: Market): Promise<void> {
    if (market.controls.length === 0) return;
    if (market.role !== 'pilot') throw new BadRequestException('controls: only a pilot market lists comparison markets');
    if (market.controls.includes(market.code)) throw new BadRequestException('controls: a pilot cannot be its own control');
    const found = await manager.findBy(Market, { code: In(market.controls) });
    for (const code of market.controls) {
      const control = found.find((candidate) => candidate.code === code);
      if (!control) throw new BadRequestException(`controls: no market with code ${code}`);
      if (control.role !== 'control') throw new BadRequestException(`controls: ${code} is a ${control.role} market, not a control market`);
    }
  }

  // A market that pilots compare against cannot silently stop being a control.
  private async assertNotReferenced(manager: EntityManager, code: string): Promise<void> {
    const pilots: Array<{ code: string }> = await manager.query(`SELECT code FROM markets WHERE $1 = ANY(controls)`, [code]);
    if (pilots.length > 0) throw new ConflictException(`role: ${code} is a control of ${pilots.map((p) => p.code).join(', ')}; remove it there first`);
  }

  private async activeCounts(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ market_id: string; count: number }> = await manager.query(
      `SELECT market_id, count(*)::int AS count FROM employees WHERE status = 'active' AND market_id = ANY($1) GROUP BY market_id`,
      [ids],
    );
    return new Map(rows.map((row) => [row.market_id, row.count]));
  }
}
