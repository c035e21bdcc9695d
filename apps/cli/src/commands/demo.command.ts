import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@changepulse/access';
import type { AppConfig } from '@changepulse/core';
import { runningEmbedded } from '@changepulse/database';
import { DEMO_MARKETS, demoDirectoryCsv, EmployeeImportService, MarketsService } from '@changepulse/people';
import { clearDemoData, loadDemoSurveys, marketsWithWaves, type DemoSurveyReport } from '@changepulse/surveys';
import type { ParsedArgs } from '../args';
import { withContext } from '../cli-context';
import { demoLeaderLink, signInLines } from './demo-leader';

export const DEMO_USAGE = 'demo [--reset]        demo data for the dashboard: a pilot and two controls, ~2,000 people, 13 weeks of surveys';

const CODES = DEMO_MARKETS.map((market) => market.code);

/** What `loadDemo` found or did. */
export type DemoOutcome =
  | { kind: 'loaded'; people: number | null; surveys: DemoSurveyReport; seconds: number }
  | { kind: 'present'; markets: Array<{ code: string; people: number; waves: number; responses: number }> }
  | { kind: 'foreign'; markets: string[] };

/**
 * `demo`: loads the demo into the product's database (that of a running `npm start` too).
 * Loads what is missing (markets, people, surveys), changes nothing when the surveys are there,
 * and with --reset wipes the demo markets' data and loads it again.
 */
export async function demoCommand(config: AppConfig, args: ParsedArgs): Promise<number> {
  const running = !config.databaseUrl && runningEmbedded(config.dataDir) !== null;
  const { outcome, link } = await withContext(config, async (context) => {
    const loaded = await loadDemo(context, { reset: args.flags.reset !== undefined });
    return { outcome: loaded, link: loaded.kind === 'foreign' ? null : await demoLeaderLink(context) };
  });
  if (outcome.kind === 'foreign') {
    process.stderr.write(`This database has markets of its own (${outcome.markets.join(', ')}) and none of the demo's (${CODES.join(', ')}); the demo is left out.\n`);
    return 1;
  }
  const lines = outcome.kind === 'loaded' ? loadedLines(outcome) : presentLines(outcome);
  lines.push('', `Dashboard: ${config.publicUrl}/dashboard`, ...signInLines(link!));
  if (!config.databaseUrl && !running) lines.push('Start the product with npm start, then open the dashboard.');
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Loads what the demo still lacks; see `demoCommand`. Shared with the first start. */
export async function loadDemo(context: INestApplicationContext, options: { reset?: boolean; now?: Date } = {}): Promise<DemoOutcome> {
  const started = Date.now();
  const dataSource = context.get(DataSource);
  const markets = context.get(MarketsService);
  const existing = await markets.list(SYSTEM_ACTOR);
  const ours = existing.filter((market) => CODES.includes(market.code));
  if (ours.length === 0 && existing.length > 0) return { kind: 'foreign', markets: existing.map((market) => market.code) };
  if (options.reset && ours.length > 0) await clearDemoData(dataSource, CODES);
  else if ((await marketsWithWaves(dataSource, CODES)).length > 0) return { kind: 'present', markets: await demoCounts(dataSource) };

  for (const market of DEMO_MARKETS) if (!ours.some((known) => known.code === market.code)) await markets.create(SYSTEM_ACTOR, market);
  let people: number | null = null;
  if ((await demoCounts(dataSource)).every((market) => market.people === 0)) {
    people = (await context.get(EmployeeImportService).import(SYSTEM_ACTOR, demoDirectoryCsv(), {})).created;
  }
  const surveys = await loadDemoSurveys(dataSource, { now: options.now });
  return { kind: 'loaded', people, surveys, seconds: (Date.now() - started) / 1000 };
}

/** One line per market and the totals, for the command and the first start's banner. */
export function loadedLines(outcome: Extract<DemoOutcome, { kind: 'loaded' }>, indent = ''): string[] {
  const { surveys } = outcome;
  const open = surveys.openWaves > 0 ? "; this week's pulse is still open" : '';
  return [
    `${indent}Demo loaded in ${outcome.seconds.toFixed(1)} s${outcome.people === null ? ' (surveys for the people already there)' : ''}:`,
    ...surveys.markets.map((market) => `${indent}  ${market.code} ${market.role.padEnd(8)} ${count(market.people, 6)} people  ${count(market.waves, 3)} waves  ${count(market.responses, 7)} responses`),
    `${indent}  ${count(surveys.waves)} waves (a baseline and weekly pulses each), ${count(surveys.responses)} responses, ${count(surveys.answers)} answers${open}.`,
  ];
}

function presentLines(outcome: Extract<DemoOutcome, { kind: 'present' }>): string[] {
  return [
    'The demo is already loaded; nothing changed:',
    ...outcome.markets.map((market) => `  ${market.code} ${count(market.people, 6)} people  ${count(market.waves, 3)} waves  ${count(market.responses, 7)} responses`),
    'To load it afresh (the demo markets lose their people, surveys and answers): npm run demo -- --reset',
  ];
}

async function demoCounts(dataSource: DataSource): Promise<Array<{ code: string; people: number; waves: number; responses: number }>> {
  return dataSource.query(
    `SELECT m.code,
            (SELECT count(*)::int FROM employees e WHERE e.market_id = m.id) AS people,
            (SELECT count(*)::int FROM survey_waves w WHERE w.market_id = m.id) AS waves,
            (SELECT count(*)::int FROM responses r WHERE r.market_id = m.id) AS responses
       FROM markets m WHERE m.code = ANY($1) ORDER BY m.code`,
    [CODES],
  );
}

const count = (n: number, width = 0) => n.toLocaleString('en-US').padStart(width);
