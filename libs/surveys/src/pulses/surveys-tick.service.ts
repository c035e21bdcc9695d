import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue, QUEUES } from '@changepulse/core';
import { Market, Segment, type DirectoryFilter } from '@changepulse/people';
import { InstrumentsService } from '../instrument/instruments.service';
import { SurveyWave } from '../waves/wave.entity';
import { DEFAULT_FATIGUE_CAP } from '../waves/wave-launch';
import { closeWave } from '../waves/waves.service';
import { PulseProgramme } from './programme.entity';
import { createRound } from './pulse-rounds';
import { parseRule, roundDates, roundItems, tiersOn, utcDate } from './pulse-schedule';

/**
 * The every-minute work of surveys, safe on any number of workers: closes waves whose time is
 * up, and creates the pulse rounds due within a day (each exactly once).
 */
@Injectable()
export class SurveysTickService {
  private readonly logger = new Logger(SurveysTickService.name);
  private readonly warned = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instruments: InstrumentsService,
    private readonly jobs: JobQueue,
  ) {}

  async tick(now = new Date()): Promise<{ closed: number; rounds: number }> {
    const closed = await this.closeExpired(now);
    const rounds = await this.createDueRounds(now);
    if (closed || rounds) this.logger.log({ closed, rounds }, 'Surveys tick');
    return { closed, rounds };
  }

  private async closeExpired(now: Date): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM survey_waves WHERE status = 'open' AND closes_at <= $1`, [now]);
    let closed = 0;
    for (const { id } of due) {
      closed += await this.dataSource.transaction(async (manager) => {
        const wave = await manager.findOne(SurveyWave, { where: { id, status: 'open' }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' } });
        if (!wave) return 0;
        await closeWave(manager, wave);
        return 1;
      });
    }
    return closed;
  }

  // Rounds are made a day ahead, so that every zone's local time is still to come when its mail is queued.
  private async createDueRounds(now: Date): Promise<number> {
    const programmes = await this.dataSource.getRepository(PulseProgramme).findBy({ active: true });
    const tiers: Array<{ key: string }> = await this.dataSource.query(`SELECT key FROM audience_tiers ORDER BY rank`);
    let created = 0;
    for (const programme of programmes) {
      this.warnOfUnusableCadence(programme);
      // Dates and tiers come from the bounded expansion, worked out before any lock is taken.
      for (const date of roundDates(programme, utcDate(now, -1), utcDate(now, 1))) {
        const asked = tiersOn(programme, date, tiers.map((tier) => tier.key));
        created += await this.dataSource.transaction(async (manager) => {
          // Locking the programme numbers its rounds one after another, whichever worker comes first.
          await manager.findOne(PulseProgramme, { where: { id: programme.id }, lock: { mode: 'pessimistic_write' } });
          const [{ rounds, exists }] = await manager.query(
            `SELECT count(*)::int AS rounds, bool_or(round_date = $2) AS exists FROM survey_waves WHERE programme_id = $1`,
            [programme.id, date],
          );
          if (exists) return 0;
          const market = await manager.findOneByOrFail(Market, { id: programme.marketId });
          const segment = programme.segmentId ? await manager.findOneBy(Segment, { id: programme.segmentId }) : null;
          const filter: DirectoryFilter = { ...(segment?.rules ?? {}), markets: [market.code] };
          const items = roundItems(await this.instruments.items(manager, programme.instrumentId), rounds, programme.itemsPerRound);
          const plan = { programme, date, number: rounds, items, tiers: asked, filter };
          const waveId = await createRound(manager, plan, DEFAULT_FATIGUE_CAP);
          if (waveId) await this.jobs.send(QUEUES.deliveriesDue, {}, manager);
          return waveId ? 1 : 0;
        });
      }
    }
    return created;
  }

  // A cadence stored before cadences were checked (FREQ=SECONDLY …) gives no rounds; say so once per programme.
  private warnOfUnusableCadence(programme: PulseProgramme): void {
    if (this.warned.has(programme.id)) return;
    const problems = [['rrule', programme.rrule], ...Object.entries(programme.tierRrules ?? {}).map(([tier, rule]) => [`tierRrules.${tier}`, rule])]
      .map(([field, rule]) => (parseRule(rule, programme.startsOn) ? null : field))
      .filter((field) => field !== null);
    if (problems.length === 0) return;
    this.warned.add(programme.id);
    this.logger.warn(
      { programmeId: programme.id, fields: problems },
      'A pulse programme has a cadence a pulse cannot have; those tiers get no rounds until it is changed',
    );
  }
}
