import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasAccess, requireAccess, type Actor, type Permission } from '@changepulse/core';
import { Market, Segment } from '@changepulse/people';
import { InstrumentsService } from '../instrument/instruments.service';
import { CreateProgrammeDto, ProgrammeDto, UpdateProgrammeDto } from './programme.dto';
import { PulseProgramme } from './programme.entity';
import { dayNumber } from './cadence-rule';
import { cadenceProblem, roundDates, roundItems, tiersOn, utcDate } from './pulse-schedule';

/** How many next rounds a programme shows. */
const UPCOMING_ROUNDS = 6;

/** Pulse programmes: the recurring pulses of a market. The worker's tick turns them into rounds. */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instruments: InstrumentsService,
  ) {}

  async create(actor: Actor, input: CreateProgrammeDto): Promise<ProgrammeDto> {
    requireAccess(actor, 'programme.write', [input.market]);
    // Cadences are checked before the transaction: no expansion ever runs while it holds locks.
    checkCadences(input, input.startsOn);
    const saved = await this.dataSource.transaction(async (manager) => {
      const market = await manager.findOneBy(Market, { code: input.market });
      if (!market) throw new BadRequestException(`market: no market with code ${input.market}`);
      if (input.segment && !(await manager.existsBy(Segment, { id: input.segment }))) throw new BadRequestException(`segment: no segment with id ${input.segment}`);
      const { instrument } = await this.instruments.latest(manager);
      const programme = manager.create(PulseProgramme, {
        marketId: market.id,
        segmentId: input.segment ?? null,
        instrumentId: instrument.id,
        name: input.name,
        rrule: input.rrule,
        tierRrules: input.tierRrules ?? {},
        localTime: input.localTime ?? '09:00',
        itemsPerRound: input.itemsPerRound ?? 5,
        openDays: input.openDays ?? 3,
        startsOn: input.startsOn,
        active: true,
      });
      await checkTiers(manager, programme.tierRrules);
      await manager.save(programme);
      return { programme, market: market.code };
    });
    return this.toDto(this.dataSource.manager, saved.programme, saved.market);
  }

  async list(actor: Actor): Promise<ProgrammeDto[]> {
    requireAccess(actor, 'programme.read');
    const programmes = await this.dataSource.getRepository(PulseProgramme).find({ order: { createdAt: 'ASC' } });
    const markets = new Map((await this.dataSource.getRepository(Market).find()).map((market) => [market.id, market.code]));
    const visible = programmes.filter((programme) => hasAccess(actor, 'programme.read', [markets.get(programme.marketId)!]));
    return Promise.all(visible.map((programme) => this.toDto(this.dataSource.manager, programme, markets.get(programme.marketId)!)));
  }

  async get(actor: Actor, id: string): Promise<ProgrammeDto> {
    requireAccess(actor, 'programme.read');
    const { programme, market } = await this.find(this.dataSource.manager, actor, 'programme.read', id);
    return this.toDto(this.dataSource.manager, programme, market);
  }

  async update(actor: Actor, id: string, input: UpdateProgrammeDto): Promise<ProgrammeDto> {
    requireAccess(actor, 'programme.write');
    // Checked before the row is locked; startsOn, which the check reads, never changes.
    const { programme: current } = await this.find(this.dataSource.manager, actor, 'programme.write', id);
    checkCadences(input, current.startsOn);
    const saved = await this.dataSource.transaction(async (manager) => {
      const { programme, market } = await this.find(manager, actor, 'programme.write', id, true);
      Object.assign(programme, input);
      await checkTiers(manager, programme.tierRrules);
      await manager.save(programme);
      return { programme, market };
    });
    return this.toDto(this.dataSource.manager, saved.programme, saved.market);
  }

  private async find(
    manager: EntityManager,
    actor: Actor,
    permission: Permission,
    id: string,
    lock = false,
  ): Promise<{ programme: PulseProgramme; market: string }> {
    const programme = await manager.findOne(PulseProgramme, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!programme) throw new NotFoundException(`No pulse programme with id ${id}`);
    const { code } = await manager.findOneByOrFail(Market, { id: programme.marketId });
    requireAccess(actor, permission, [code]);
    return { programme, market: code };
  }

  private async toDto(manager: EntityManager, programme: PulseProgramme, market: string): Promise<ProgrammeDto> {
    const [{ rounds }] = await manager.query(`SELECT count(*)::int AS rounds FROM survey_waves WHERE programme_id = $1`, [programme.id]);
    const tiers: Array<{ key: string }> = await manager.query(`SELECT key FROM audience_tiers ORDER BY rank`);
    const items = await this.instruments.items(manager, programme.instrumentId);
    const today = utcDate(new Date());
    const from = programme.startsOn > today ? programme.startsOn : today;
    const upcoming = roundDates(programme, from, utcDate(new Date(`${from}T00:00:00Z`), 120), UPCOMING_ROUNDS)
      .map((date, index) => ({ date, tiers: tiersOn(programme, date, tiers.map((tier) => tier.key)), items: roundItems(items, rounds + index, programme.itemsPerRound) }));
    return ProgrammeDto.from(programme, market, rounds, upcoming);
  }
}

// The DTO has checked each cadence's form; here, that it gives a date (bounded: two years of days at most).
function checkCadences(input: { rrule?: string; tierRrules?: Record<string, string> }, startsOn: string): void {
  if (Number.isNaN(dayNumber(startsOn))) throw new BadRequestException('startsOn: not a date');
  const rules = Object.entries(input.tierRrules ?? {}).map(([tier, rule]) => [`tierRrules.${tier}`, rule]);
  if (input.rrule !== undefined) rules.unshift(['rrule', input.rrule]);
  for (const [field, rule] of rules) {
    const problem = cadenceProblem(field, rule, startsOn);
    if (problem) throw new BadRequestException(problem);
  }
}

async function checkTiers(manager: EntityManager, tierRrules: Record<string, string>): Promise<void> {
  const tiers: Array<{ key: string }> = await manager.query(`SELECT key FROM audience_tiers`);
  for (const tier of Object.keys(tierRrules)) {
    if (!tiers.some((known) => known.key === tier)) throw new BadRequestException(`tierRrules: no audience tier ${tier}`);
  }
}
