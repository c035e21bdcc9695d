import { childProcessEnv, freePort } from '@changepulse/core';
import { dataSourceOptions } from '@changepulse/database';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ApiProcess, Cleanup, cli, freshDatabase, machine, query, recordBenchmark, tempFolder } from './bench-support';
import { copyEmployees, copySurveys, DASHBOARD_MARKETS, PILOT, type SurveyLoad } from './dashboard-data';
import { dashboardTargets, runLoad, type LoadRun } from './dashboard-load';
import { cpuSeconds, cpuSince, ownPeakRssMb, type Cpu } from './dashboard-measure';
import { dashboardReport, type DashboardResult } from './dashboard-report';
import { buildRollups, refreshLatestRound } from './dashboard-rollups';

const REFRESH_RUNS = 5;

interface Flags {
  employees: number;
  weeks: number;
  clients: number;
  requests: number;
  seconds: number;
}

/**
 * `npm run bench -- dashboard [--employees N] [--weeks W] [--clients C] [--requests R] [--seconds S] [--no-record]`:
 * N employees (default 100,000) in five markets (a pilot and four controls) loaded with COPY, a
 * closed baseline and W weekly pulses (default 52) per market from the demo generator, streamed
 * with COPY wave by wave; every wave's rollups built; the latest pilot round's refresh timed; then
 * C clients (default 20) reading progress and breakdowns from the real API, R requests (default
 * 4,000) or S seconds (default 30), whichever ends first. Appends the numbers to
 * docs/BENCHMARKS.md unless --no-record.
 */
export async function dashboardBenchmark(args: string[]): Promise<void> {
  const flags = readFlags(args);
  const started = performance.now();
  const cleanup = new Cleanup();
  try {
    const { url, server, api, token, dataSource, client } = await setUp(cleanup);
    const database = new URL(url).pathname.slice(1);
    const loaded = await load(dataSource, client, flags, database);
    step(`building the rollups of ${loaded.surveys.plan.waves.length} waves`);
    const build = await buildRollups(dataSource, loaded.surveys.plan.waves, progressEvery(25, 'rollups'));
    step(`refreshing the latest ${PILOT} round ${REFRESH_RUNS} times`);
    const refresh = await refreshLatestRound(dataSource, loaded.surveys.plan.waves, PILOT, REFRESH_RUNS);
    const sizes = await tableSizes(url);
    const reads = await readLoad(api, token, flags, database);
    const result: DashboardResult = { ...flags, server, ...loaded, build, refresh, sizes, ...reads, apiPeakRssMb: api.peakRssMb(), benchSeconds: (performance.now() - started) / 1000, benchPeakRssMb: ownPeakRssMb() };
    const { section, goals } = dashboardReport(result, await machine(url));
    process.stdout.write(`\n${section}\n`);
    for (const goal of goals) process.stdout.write(`${goal.met ? 'PASS' : 'FAIL'}  ${goal.text}\n`);
    if (!args.includes('--no-record')) step(`appended to ${recordBenchmark(section)}`);
    if (reads.run.problems.length) throw new Error(`bad answers under load:\n${reads.run.problems.join('\n')}`);
  } finally {
    await cleanup.run();
  }
}

function readFlags(args: string[]): Flags {
  const flag = (name: string, fallback: number, least: number) => {
    const value = args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
    if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number of at least ${least}`);
    return value;
  };
  // Three weeks at least: "current" needs every value asked, and a round asks one item of each of three.
  return { employees: flag('--employees', 100_000, 1000), weeks: flag('--weeks', 52, 3), clients: flag('--clients', 20, 1), requests: flag('--requests', 4000, 100), seconds: flag('--seconds', 30, 5) };
}

async function setUp(cleanup: Cleanup) {
  const { url, server } = await freshDatabase(cleanup, 'bench_dashboard');
  const env = childProcessEnv({ DATABASE_URL: url, DATA_DIR: tempFolder(cleanup, 'bench-data'), LOG_LEVEL: 'warn' });
  // One after the other: both create pg-boss's queues at start, and on a fresh database they deadlock side by side.
  const token = (await cli(env, ['token', 'create', '--role', 'admin', '--name', 'bench'])).trim().split('\n').pop()!;
  const api = await ApiProcess.start(env, await freePort());
  cleanup.add(() => api.stop());
  for (const market of DASHBOARD_MARKETS) {
    const response = await fetch(`${api.baseUrl}/api/markets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(market) });
    if (!response.ok) throw new Error(`POST /api/markets ${market.code} answered ${response.status}: ${await response.text()}\n${api.recentOutput()}`);
  }
  const dataSource = new DataSource(dataSourceOptions(url, []));
  await dataSource.initialize();
  cleanup.add(() => dataSource.destroy());
  const client = new Client({ connectionString: url });
  await client.connect();
  // A dropped connection then fails the pending query (and the run cleans up) instead of ending the process.
  client.on('error', (error) => step(`the COPY connection failed: ${error.message}`));
  cleanup.add(() => client.end());
  // A bench load: a crash loses the run anyway, so commits need not wait for the disk.
  await client.query('SET synchronous_commit = off');
  return { url, server, api, token, dataSource, client };
}

async function load(dataSource: DataSource, client: Client, flags: Flags, database: string) {
  const cpuBefore = cpuSeconds(database);
  const started = performance.now();
  step(`COPY of ${flags.employees} employees`);
  const people = await copyEmployees(client, flags.employees);
  const employeeSeconds = (performance.now() - started) / 1000;
  step(`COPY of a baseline and ${flags.weeks} pulses per market (${DASHBOARD_MARKETS.length} markets)`);
  const surveys: SurveyLoad = await copySurveys(dataSource, client, flags.weeks, new Date(), progressEvery(25, 'waves'));
  const analyzeStarted = performance.now();
  await client.query('ANALYZE');
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  const cpu = cpuSince(cpuBefore, cpuSeconds(database));
  const [{ answers }] = (await client.query<{ answers: number }>('SELECT count(*)::int AS answers FROM answers')).rows;
  if (answers !== surveys.answers) throw new Error(`the answers table has ${answers} rows; the load wrote ${surveys.answers}`);
  step(`loaded ${surveys.responses} responses, ${surveys.answers} answers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { people, surveys, employeeSeconds, analyzeSeconds, loadCpu: cpu };
}

async function tableSizes(url: string): Promise<DashboardResult['sizes']> {
  const [row] = await query<DashboardResult['sizes']>(
    url,
    `SELECT pg_total_relation_size('answers')::float8 / 1048576 AS "answersMb", pg_total_relation_size('responses')::float8 / 1048576 AS "responsesMb",
            pg_total_relation_size('rollup_scores')::float8 / 1048576 AS "rollupMb", (SELECT count(*)::int FROM rollup_scores) AS "rollupRows"`,
  );
  return row;
}

async function readLoad(api: ApiProcess, token: string, flags: Flags, database: string): Promise<{ warmUp: LoadRun; run: LoadRun; cpu: Cpu }> {
  const targets = dashboardTargets(DASHBOARD_MARKETS.map((market) => market.code), PILOT);
  step(`warming up: every URL of the mix twice, every body checked`);
  const warmUp = await runLoad(api.baseUrl, token, targets, { requests: targets.length * 2, seconds: Infinity }, flags.clients, 1);
  if (warmUp.problems.length) throw new Error(`the warm-up got bad answers:\n${warmUp.problems.join('\n')}\n${api.recentOutput()}`);
  step(`${flags.clients} clients sending ${flags.requests} requests, for ${flags.seconds} s at most`);
  const before = cpuSeconds(database);
  const run = await runLoad(api.baseUrl, token, targets, flags, flags.clients, 20);
  return { warmUp, run, cpu: cpuSince(before, cpuSeconds(database)) };
}

// A step line every `every` items and at the last one.
function progressEvery(every: number, what: string): (done: number, total: number) => void {
  return (done, total) => {
    if (done % every === 0 || done === total) step(`${what}: ${done}/${total}`);
  };
}

function step(what: string): void {
  process.stderr.write(`[bench dashboard] ${new Date().toISOString().slice(11, 19)} ${what}\n`);
}
