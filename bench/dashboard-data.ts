import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import {
  copyStatement,
  copyText,
  DEMO_MODEL,
  DEMO_SEED,
  DEMO_TABLE_ORDER,
  generateWaveRows,
  insertDemoPlan,
  latestInstrument,
  loadDemoPeople,
  planDemoWaves,
  type DemoMarket,
  type DemoPlan,
  type DemoRowBatch,
  type DemoWave,
  type WaveRowOptions,
} from '@changepulse/surveys';
import { BENCH_MARKETS, COPY_COLUMNS, copyChunks, generateDirectory, type Person } from './import-directory';

const [DE, AT, CH, NL] = BENCH_MARKETS;
const market = ({ share: _share, role: _role, ...rest }: (typeof BENCH_MARKETS)[number]) => rest;

/** Five markets, created through the API in this order: the four controls before the pilot that names them. */
export const DASHBOARD_MARKETS = [
  { ...market(AT), role: 'control' },
  { ...market(CH), role: 'control' },
  { ...market(NL), role: 'control' },
  { code: 'BE', name: 'Belgium', timezone: 'Europe/Brussels', locale: 'nl-BE', role: 'control' },
  { ...market(DE), role: 'pilot', controls: ['AT', 'CH', 'NL', 'BE'] },
] as const;

export const PILOT = 'DE';

/** What the survey load wrote. */
export interface SurveyLoad {
  plan: DemoPlan;
  invitations: number;
  responses: number;
  answers: number;
  seconds: number;
}

/**
 * The bench directory's people (four markets) straight into `employees` with COPY, in one
 * transaction (managers are checked at commit). Half of the Dutch market's branches, whole
 * subtrees under its head, go to BE, so that there are five markets; they keep the Dutch
 * timezone and locale on their rows, which no figure reads. Answers the people per market.
 */
export async function copyEmployees(client: Client, count: number): Promise<Map<string, number>> {
  const people = generateDirectory(count);
  const belgian = belgianBranches(people);
  const ids = new Map((await client.query<{ id: string; code: string }>('SELECT id, code FROM markets')).rows.map((row) => [row.code, row.id]));
  const tiers = new Map((await client.query<{ id: string; key: string }>('SELECT id, key FROM audience_tiers')).rows.map((row) => [row.key, row.id]));
  const chunks = [
    ...copyChunks(people.filter((person) => !belgian.has(person)), ids, tiers),
    ...copyChunks([...belgian], new Map([...ids, ['NL', ids.get('BE')!]]), tiers),
  ];
  await client.query('BEGIN');
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY employees (${COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
  await client.query('COMMIT');
  const sizes = new Map<string, number>();
  for (const person of people) {
    const code = belgian.has(person) ? 'BE' : person.market.code;
    sizes.set(code, (sizes.get(code) ?? 0) + 1);
  }
  return sizes;
}

// The Dutch head's direct reports with everyone under them, dealt largest first to whichever of NL and BE has fewer people.
function belgianBranches(people: Person[]): Set<Person> {
  const dutch = people.filter((person) => person.market.code === 'NL');
  const head = dutch.find((person) => person.manager?.market.code !== 'NL');
  const branches = new Map<Person, Person[]>();
  for (const person of dutch) {
    let root = person;
    while (root.manager && root.manager !== head && root !== head) root = root.manager;
    if (root !== head) branches.set(root, [...(branches.get(root) ?? []), person]);
  }
  const belgian = new Set<Person>();
  let [stay, move] = [1, 0];
  for (const members of [...branches.values()].sort((a, b) => b.length - a.length || a[0].employeeId.localeCompare(b[0].employeeId))) {
    if (move < stay) {
      for (const person of members) belgian.add(person);
      move += members.length;
    } else stay += members.length;
  }
  return belgian;
}

/**
 * The demo generator's history for every market, dated back from `now`: a closed baseline and
 * `weeks` closed weekly pulses each, the programmes and waves inserted first, then each wave's
 * invitations, responses, answers and contacts streamed with COPY a batch of people at a time,
 * one transaction per wave. `onWave` hears each wave as it is written.
 */
export async function copySurveys(dataSource: DataSource, client: Client, weeks: number, now: Date, onWave: (done: number, total: number) => void): Promise<SurveyLoad> {
  const started = performance.now();
  const markets: DemoMarket[] = await dataSource.query(`SELECT id, code, role, timezone, locale FROM markets ORDER BY role = 'pilot' DESC, code`);
  const instrument = await latestInstrument(dataSource);
  const plan = planDemoWaves(markets, instrument, { now, pulses: weeks, currentRound: false });
  await dataSource.transaction((manager) => insertDemoPlan(manager, plan));
  const options: WaveRowOptions = { model: DEMO_MODEL, seed: DEMO_SEED, items: instrument.items, now, batchSize: 5000 };
  const load: SurveyLoad = { plan, invitations: 0, responses: 0, answers: 0, seconds: 0 };
  let done = 0;
  for (const each of markets) {
    const people = await loadDemoPeople(dataSource, each, options.model, options.seed);
    for (const wave of plan.waves.filter((candidate) => candidate.market === each)) {
      await copyWave(client, wave, people, options, load);
      onWave(++done, plan.waves.length);
    }
  }
  load.seconds = (performance.now() - started) / 1000;
  return load;
}

async function copyWave(client: Client, wave: DemoWave, people: Awaited<ReturnType<typeof loadDemoPeople>>, options: WaveRowOptions, load: SurveyLoad): Promise<void> {
  await client.query('BEGIN');
  for (const batch of generateWaveRows(wave, people, options)) {
    for (const part of DEMO_TABLE_ORDER) await copyPart(client, part, batch[part]);
    load.invitations += batch.invitations[0].length;
    load.responses += batch.responses[0].length;
    load.answers += batch.answers[0].length;
  }
  await client.query('COMMIT');
}

async function copyPart(client: Client, part: keyof DemoRowBatch, columns: readonly (readonly unknown[])[]): Promise<void> {
  if (columns[0].length === 0) return;
  await pipeline(Readable.from([copyText(columns)]), client.query(copyFrom(copyStatement(part))));
}
