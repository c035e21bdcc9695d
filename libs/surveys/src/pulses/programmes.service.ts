import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertRole, canSeeMarket, type Actor } from '@changepulse/core';
import { Market, Segment } from '@changepulse/people';
import { InstrumentsService } from '../instrument/instruments.service';
import { SURVEY_EDITORS, SURVEY_READERS } from '../survey-roles';
import { CreateProgrammeDto, ProgrammeDto, UpdateProgrammeDto } from './programme.dto';
import { PulseProgramme } from './programme.entity';
import { parseRule, roundDates, roundItems, tiersOn, utcDate } from './pulse-schedule';

/** Pulse programmes: the recurring pulses of a market. The worker's tick turns them into rounds. */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instruments: InstrumentsService,
  ) {}

  async create(actor: Actor, input: CreateProgrammeDto): Promise<ProgrammeDto> {
    assertRole(actor, SURVEY_EDITORS);
    return this.dataSource.transaction(async (manager) => {
      const market = await manager.findOneBy(Market, { code: input.market });
      if (!market) throw new BadRequestException(`market: no market with code ${input.market}`);
      if (!canSeeMarket(actor, market.code)) throw new ForbiddenException(`Your token is limited to other markets than ${market.code}`);
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
      await checkCadence(manager, programme);
      await manager.save(programme);
      return this.toDto(manager, programme, market.code);
    });
  }

  async list(actor: Actor): Promise<ProgrammeDto[]> {
    assertRole(actor, SURVEY_READERS);
    const programmes = await this.dataSource.getRepository(PulseProgramme).find({ order: { createdAt: 'ASC' } });
    const markets = new Map((await this.dataSource.getRepository(Market).find()).map((market) => [market.id, market.code]));
    const visible = programmes.filter((programme) => canSeeMarket(actor, markets.get(programme.marketId)!));
    return Promise.all(visible.map((programme) => this.toDto(this.dataSource.manager, programme, markets.get(programme.marketId)!)));
  }

  async get(actor: Actor, id: string): Promise<ProgrammeDto> {
    assertRole(actor, SURVEY_READERS);
    const { programme, market } = await this.find(this.dataSource.manager, actor, id);
    return this.toDto(this.dataSource.manager, programme, market);
  }

  async update(actor: Actor, id: string, input: UpdateProgrammeDto): Promise<ProgrammeDto> {
    assertRole(actor, SURVEY_EDITORS);
    return this.dataSource.transaction(async (manager) => {
      const { programme, market } = await this.find(manager, actor, id, true);
      Object.assign(programme, input);
      await checkCadence(manager, programme);
      await manager.save(programme);
      return this.toDto(manager, programme, market);
    });
  }

  private async find(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<{ programme: PulseProgramme; market: string }> {
    const programme = await manager.findOne(PulseProgramme, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!programme) throw new NotFoundException(`No pulse programme with id ${id}`);
    const { code } = await manager.findOneByOrFail(Market, { id: programme.marketId });
    if (!canSeeMarket(actor, code)) throw new ForbiddenException(`Your token is limited to other markets than ${code}`);
    return { programme, market: code };
  }

  private async toDto(manager: EntityManager, programme: PulseProgramme, market: string): Promise<ProgrammeDto> {
    const [{ rounds }] = await manager.query(`SELECT count(*)::int AS rounds FROM survey_waves WHERE programme_id = $1`, [programme.id]);
    const tiers: Array<{ key: string }> = await manager.query(`SELECT key FROM audience_tiers ORDER BY rank`);
    const items = await this.instruments.items(manager, programme.instrumentId);
    const today = utcDate(new Date());
    const from = programme.startsOn > today ? programme.startsOn : today;
    const upcoming = roundDates(programme, from, utcDate(new Date(`${from}T00:00:00Z`), 120))
      .slice(0, 6)
      .map((date, index) => ({ date, tiers: tiersOn(programme, date, tiers.map((tier) => tier.key)), items: roundItems(items, rounds + index, programme.itemsPerRound) }));
    return ProgrammeDto.from(programme, market, rounds, upcoming);
  }
}

async function checkCadence(manager: EntityManager, programme: PulseProgramme): Promise<void> {
  if (Number.isNaN(Date.parse(`${programme.startsOn}T00:00:00Z`))) throw new BadRequestException('startsOn: not a date');
  if (!parseRule(programme.rrule, programme.startsOn)) throw new BadRequestException(`rrule: "${programme.rrule}" is not a recurrence rule such as FREQ=WEEKLY;BYDAY=MO`);
  const tiers: Array<{ key: string }> = await manager.query(`SELECT key FROM audience_tiers`);
  for (const [tier, rule] of Object.entries(programme.tierRrules)) {
    if (!tiers.some((known) => known.key === tier)) throw new BadRequestException(`tierRrules: no audience tier ${tier}`);
    if (typeof rule !== 'string' || !parseRule(rule, programme.startsOn)) throw new BadRequestException(`tierRrules.${tier}: not a recurrence rule`);
  }
}
