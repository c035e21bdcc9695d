import type { DataSource, EntityManager } from 'typeorm';
import { refreshRollups } from '@changepulse/analytics';
import { DEMO_MARKETS } from '@changepulse/people';
import { InstrumentItem } from '../instrument/instrument.entity';
import { DEMO_MODEL, type DemoModel } from './demo-model';
import { loadDemoPeople } from './demo-people';
import { planDemoWaves, type DemoMarket, type DemoPlan } from './demo-plan';
import { generateWaveRows, type WaveRowOptions } from './demo-rows';
import { insertDemoBatch, insertDemoPlan } from './demo-writer';

export interface DemoSurveyOptions {
  /** Market codes; default the demo directory's markets. Their people must be there already. */
  markets?: string[];
  /** Dates count back from here. */
  now?: Date;
  /** Closed weekly pulses after the baseline (default 12). */
  pulses?: number;
  /** Also this week's round, still open until Thursday (default true). */
  currentRound?: boolean;
  seed?: string;
  model?: DemoModel;
  batchSize?: number;
}

export interface DemoMarketReport {
  code: string;
  role: string;
  people: number;
  waves: number;
  invited: number;
  responses: number;
  answers: number;
}

export interface DemoSurveyReport {
  markets: DemoMarketReport[];
  waves: number;
  /** This week's round, when it is still open. */
  openWaves: number;
  responses: number;
  answers: number;
  seconds: number;
}

/** The demo's seed: change it and every answer changes. */
export const DEMO_SEED = 'changepulse-demo-v1';

/**
 * Survey history for markets that have people and no waves yet: a closed baseline, weekly
 * pulses whose answers rise in a pilot and stay flat in its controls, and (by default) this
 * week's round still open. Written in one transaction, then the rollups of every wave.
 * Refuses when a market is missing or has waves already.
 */
export async function loadDemoSurveys(dataSource: DataSource, options: DemoSurveyOptions = {}): Promise<DemoSurveyReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const codes = options.markets ?? DEMO_MARKETS.map((market) => market.code);
  const written = await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('changepulse.demo'))`);
    const markets = await demoMarkets(manager, codes);
    const taken = await marketsWithWaves(manager, codes);
    if (taken.length) throw new Error(`Markets ${taken.join(', ')} have surveys already; the demo only fills markets without any`);
    const instrument = await latestInstrument(manager);
    const plan = planDemoWaves(markets, instrument, { now, pulses: options.pulses ?? 12, currentRound: options.currentRound ?? true });
    await insertDemoPlan(manager, plan);
    const rowOptions: WaveRowOptions = { model: options.model ?? DEMO_MODEL, seed: options.seed ?? DEMO_SEED, items: instrument.items, now, batchSize: options.batchSize };
    const lines: DemoMarketReport[] = [];
    for (const market of markets) lines.push(await writeMarket(manager, market, plan, rowOptions));
    return { lines, plan };
  });
  await refreshRollups(dataSource, written.plan.waves.map((wave) => wave.id));
  const { lines, plan } = written;
  return {
    markets: lines,
    waves: plan.waves.length,
    openWaves: plan.waves.filter((wave) => wave.status === 'open').length,
    responses: lines.reduce((sum, line) => sum + line.responses, 0),
    answers: lines.reduce((sum, line) => sum + line.answers, 0),
    seconds: (Date.now() - started) / 1000,
  };
}

// One market's people, invited to each of its waves a batch at a time.
async function writeMarket(manager: EntityManager, market: DemoMarket, plan: DemoPlan, options: WaveRowOptions): Promise<DemoMarketReport> {
  const people = await loadDemoPeople(manager, market, options.model, options.seed);
  const line = { code: market.code, role: market.role, people: people.length, waves: 0, invited: 0, responses: 0, answers: 0 };
  for (const wave of plan.waves.filter((candidate) => candidate.market === market)) {
    line.waves++;
    for (const batch of generateWaveRows(wave, people, options)) {
      await insertDemoBatch(manager, batch);
      line.invited += batch.invitations[0].length;
      line.responses += batch.responses[0].length;
      line.answers += batch.answers[0].length;
    }
  }
  return line;
}

/** The markets among `codes` that have survey waves. */
export async function marketsWithWaves(db: DataSource | EntityManager, codes: string[]): Promise<string[]> {
  const rows: Array<{ code: string }> = await db.query(
    `SELECT m.code FROM markets m WHERE m.code = ANY($1) AND EXISTS (SELECT 1 FROM survey_waves w WHERE w.market_id = m.id) ORDER BY m.code`,
    [codes],
  );
  return rows.map((row) => row.code);
}

/** The newest CRM-leadership instrument and its items, in order. */
export async function latestInstrument(db: DataSource | EntityManager, key = 'crm-leadership'): Promise<{ id: string; items: InstrumentItem[] }> {
  const [instrument]: Array<{ id: string }> = await db.query(`SELECT id FROM instruments WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
  if (!instrument) throw new Error(`No instrument ${key}; run the migrations first`);
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT id, instrument_id AS "instrumentId", code, scale, value, dimension, optional, position, text FROM instrument_items WHERE instrument_id = $1 ORDER BY position`,
    [instrument.id],
  );
  return { id: instrument.id, items: rows.map((row) => Object.assign(new InstrumentItem(), row)) };
}

async function demoMarkets(manager: EntityManager, codes: string[]): Promise<DemoMarket[]> {
  // Pilots first, for the report.
  const markets: DemoMarket[] = await manager.query(
    `SELECT id, code, role, timezone, locale FROM markets WHERE code = ANY($1) ORDER BY role = 'pilot' DESC, code`,
    [codes],
  );
  const missing = codes.filter((code) => !markets.some((market) => market.code === code));
  if (missing.length) throw new Error(`No market ${missing.join(', ')}; load the demo directory first`);
  return markets;
}
