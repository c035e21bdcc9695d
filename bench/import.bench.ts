import { childProcessEnv, freePort } from '@changepulse/core';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ApiProcess, Cleanup, cli, freshDatabase, machine, query, tempFolder, recordBenchmark } from './bench-support';
import { cpuSeconds, cpuSince, type Cpu } from './dashboard-measure';
import {
  GOAL_LOOP_P99_MS,
  RESPONSIVENESS_ALIGN,
  RESPONSIVENESS_HEADER,
  RESPONSIVENESS_NOTE,
  responsivenessCells,
  whileMeasuring,
  type Responsiveness,
} from './health-pings';
import { BENCH_MARKETS, COPY_COLUMNS, copyChunks, directoryCsv, generateDirectory, type Person } from './import-directory';

const GOAL_SECONDS = 30;
const GOAL_RATIO = 5;

interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

interface Result {
  rows: number;
  server: string;
  importSeconds: number;
  reimportSeconds: number;
  reimport: ImportReport;
  copySeconds: number;
  idleRssMb: number;
  importRssMb: number;
  reimportRssMb: number;
  peakRssMb: number;
  /** Per phase (dry run, import, re-import): seconds, what another client saw, and CPU. */
  phases: Array<{ name: string; seconds: number; seen: Responsiveness; cpu: Cpu }>;
}

/**
 * `npm run bench -- import [--rows N] [--no-record]`: the employee CSV import through the real API
 * (a process of its own, its memory sampled), the same file again (all unchanged), and COPY of the
 * same rows as the floor. Appends the numbers to docs/BENCHMARKS.md unless --no-record.
 */
export async function importBenchmark(args: string[]): Promise<void> {
  const rowsFlag = args.indexOf('--rows');
  const rows = rowsFlag >= 0 ? Number(args[rowsFlag + 1]) : 100_000;
  if (!Number.isInteger(rows) || rows < 100) throw new Error('--rows must be a whole number of at least 100');
  const cleanup = new Cleanup();
  try {
    const { result, url } = await measure(rows, cleanup);
    const section = report(result, await machine(url));
    process.stdout.write(`\n${section}\n`);
    if (!args.includes('--no-record')) record(section);
  } finally {
    await cleanup.run();
  }
}

async function measure(rows: number, cleanup: Cleanup): Promise<{ result: Result; url: string }> {
  const { url, server } = await freshDatabase(cleanup, 'bench_import');
  const env = childProcessEnv({ DATABASE_URL: url, DATA_DIR: tempFolder(cleanup, 'bench-data'), LOG_LEVEL: 'warn' });
  const token = (await cli(env, ['token', 'create', '--role', 'admin', '--name', 'bench'])).trim().split('\n').pop()!;
  const api = await ApiProcess.start(env, await freePort());
  cleanup.add(() => api.stop());
  for (const { share: _share, ...market } of BENCH_MARKETS) await call(api, token, 'POST', '/api/markets', 'application/json', JSON.stringify(market));

  step(`generating ${rows} employees`);
  const people = generateDirectory(rows);
  const csv = directoryCsv(people);
  const idleRssMb = api.takePhasePeak();
  const database = new URL(url).pathname.slice(1);
  const phases: Result['phases'] = [];
  // Each phase runs while another client pings /health and the API measures its own event loop.
  const phase = async (name: string, query: string) => {
    const before = cpuSeconds(database);
    const { result, seen } = await whileMeasuring(api, () => timedImport(api, token, csv, query));
    phases.push({ name, seconds: result.seconds, seen, cpu: cpuSince(before, cpuSeconds(database)) });
    return result;
  };

  step(`dry run of ${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV through the API`);
  const dry = await phase('dry run (nothing written)', '?dryRun=true');
  if (dry.report.created !== rows) throw new Error(`the dry run would create ${dry.report.created} employees, expected ${rows}: ${JSON.stringify(dry.report)}`);
  api.takePhasePeak();

  step(`importing ${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV through the API`);
  const first = await phase('import (all created)', '');
  if (first.report.created !== rows) throw new Error(`the import created ${first.report.created} employees, expected ${rows}: ${JSON.stringify(first.report)}`);
  const importRssMb = api.takePhasePeak();

  step('importing the same file again');
  const second = await phase('re-import (all unchanged)', '');
  if (second.report.unchanged !== rows) process.stderr.write(`warning: the re-import was not all unchanged: ${JSON.stringify(second.report)}\n`);
  const reimportRssMb = api.takePhasePeak();
  const peakRssMb = api.peakRssMb();
  await api.stop();

  step('COPY of the same rows');
  const copySeconds = await timedCopy(url, people);
  const result = {
    rows,
    server,
    importSeconds: first.seconds,
    reimportSeconds: second.seconds,
    reimport: second.report,
    copySeconds,
    idleRssMb,
    importRssMb,
    reimportRssMb,
    peakRssMb,
    phases,
  };
  return { result, url };
}

function step(what: string): void {
  process.stderr.write(`[bench import] ${what}\n`);
}

async function call(api: ApiProcess, token: string, method: string, path: string, type: string, body: string | Buffer): Promise<unknown> {
  const response = await fetch(`${api.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer).slice(0, 2000)}\n${api.recentOutput()}`);
  return answer;
}

async function timedImport(api: ApiProcess, token: string, csv: Buffer, query = ''): Promise<{ seconds: number; report: ImportReport }> {
  const started = performance.now();
  const report = (await call(api, token, 'POST', `/api/employees/import${query}`, 'text/csv', csv)) as ImportReport;
  return { seconds: (performance.now() - started) / 1000, report };
}

/** The floor: the same rows straight into the table with COPY, ids and managers resolved up front. */
async function timedCopy(url: string, people: Person[]): Promise<number> {
  const markets = await query<{ id: string; code: string }>(url, 'SELECT id, code FROM markets');
  const tiers = await query<{ id: string; key: string }>(url, 'SELECT id, key FROM audience_tiers');
  const chunks = copyChunks(people, new Map(markets.map((m) => [m.code, m.id])), new Map(tiers.map((t) => [t.key, t.id])));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('TRUNCATE employees CASCADE');
    const started = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY employees (${COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`)));
    const seconds = (performance.now() - started) / 1000;
    const [{ count }] = (await client.query<{ count: string }>('SELECT count(*) FROM employees')).rows;
    if (Number(count) !== people.length) throw new Error(`COPY left ${count} employees, expected ${people.length}`);
    return seconds;
  } finally {
    await client.end();
  }
}

function report(result: Result, on: Awaited<ReturnType<typeof machine>>): string {
  const ratio = result.importSeconds / result.copySeconds;
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const reimport = result.reimport.unchanged === result.rows ? 'all unchanged' : `not all unchanged: ${JSON.stringify(result.reimport)}`;
  return [
    `## Employee import — ${on.date}`,
    '',
    `Machine: ${on.cpus} CPUs (nproc, ${on.cpuModel}), ${on.memory} RAM; Node ${on.node}; PostgreSQL ${on.postgres} (${result.server}).`,
    `\`npm run bench -- import\`: ${result.rows.toLocaleString('en')} employees (15 columns, ${BENCH_MARKETS.length} markets, 4 tiers, a manager hierarchy)`,
    'sent as one text/csv body to `POST /api/employees/import` of the API running alone; then the same file again; then `COPY` of the same rows',
    'into the emptied table (same indexes and constraints; ids and managers resolved beforehand).',
    '',
    '| rows | API import s | rows/s | API peak RSS MB | re-import s | COPY s | import/COPY |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${result.rows} | ${result.importSeconds.toFixed(2)} | ${Math.round(result.rows / result.importSeconds)} | ${Math.round(result.peakRssMb)} | ${result.reimportSeconds.toFixed(2)} | ${result.copySeconds.toFixed(2)} | ${ratio.toFixed(1)}× |`,
    '',
    `Goals: import under ${GOAL_SECONDS} s — ${met(result.importSeconds < GOAL_SECONDS)}; within ${GOAL_RATIO}× of COPY — ${met(ratio <= GOAL_RATIO)}.`,
    `Re-import: ${reimport}. API RSS (MB): ${Math.round(result.idleRssMb)} after start, ${Math.round(result.importRssMb)} at most during the import,`,
    `${Math.round(result.reimportRssMb)} during the re-import (sampled every 50 ms); peak column is the process's VmHWM.`,
    '',
    ...responsivenessTable(result.phases, result.rows, on.cpus),
  ].join('\n');
}

function responsivenessTable(phases: Result['phases'], rows: number, cpus: string): string[] {
  const worst = Math.max(...phases.map((phase) => phase.seen.loop.p99));
  const met = worst < GOAL_LOOP_P99_MS ? 'met' : '**missed**';
  const cpu = (c: Cpu, seconds: number) => {
    const other = c.machine - c.api - c.postgres - c.bench;
    return (
      `API ${(c.api / seconds).toFixed(2)}, PostgreSQL ${(c.postgres / seconds).toFixed(2)}, ` +
      `bench ${(c.bench / seconds).toFixed(2)}, other ${(other / seconds).toFixed(2)}`
    );
  };
  return [
    'While each phase ran, another client sent `GET /health` every 50 ms (one at a time, keep-alive), and the API measured its own',
    'event loop (`monitorEventLoopDelay`, 10 ms resolution, loaded with `--require bench/event-loop-probe`; a sample is the time between',
    'two 10 ms timer runs, so an idle loop reads ~10 ms and a loop held for 80 ms reads ~80 ms).',
    '',
    `| phase | s | ${RESPONSIVENESS_HEADER} | CPUs busy (of ${cpus}) |`,
    `|---|---:|${RESPONSIVENESS_ALIGN}|---|`,
    ...phases.map((phase) => `| ${phase.name} | ${phase.seconds.toFixed(2)} | ${responsivenessCells(phase.seen)} | ${cpu(phase.cpu, phase.seconds)} |`),
    '',
    RESPONSIVENESS_NOTE,
    '',
    `Goal: event-loop p99 under ${GOAL_LOOP_P99_MS} ms while a ${rows.toLocaleString('en')}-row import runs — ${met} (worst phase ${worst.toFixed(1)} ms).`,
    '"other" is CPU that everything else on the machine used meanwhile (the machine is shared).',
    '',
  ];
}

function record(section: string): void {
  step(`appended to ${recordBenchmark(section)}`);
}
