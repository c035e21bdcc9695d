import { childProcessEnv, freePort } from '@changepulse/core';
import { invitationToken } from '@changepulse/surveys';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ApiProcess, Cleanup, cli, freshDatabase, machine, query, tempFolder, recordBenchmark } from './bench-support';
import { Connection } from './bench-http-connection';
import { cpuSeconds, cpuSince, percentile, type Cpu } from './dashboard-measure';
import {
  GOAL_LOOP_P99_MS,
  RESPONSIVENESS_ALIGN,
  RESPONSIVENESS_HEADER,
  RESPONSIVENESS_NOTE,
  responsivenessCells,
  whileMeasuring,
  type Responsiveness,
} from './health-pings';
import { BENCH_MARKETS, directoryCsv, generateDirectory } from './import-directory';

const GOAL_PER_SECOND = 500;
const GOAL_P95_MS = 100;
const ITEMS = 21;
/** Forms kept for answering while a dry-run import of IMPORT_ROWS people runs. */
const DURING_IMPORT_FORMS = 4000;
const IMPORT_ROWS = 100_000;

interface DuringImport {
  timings: Timings;
  importStatus: number;
  importSeconds: number;
  seen: Responsiveness;
  cpu: Cpu;
}

interface Timings {
  submits: number;
  seconds: number;
  postMs: number[];
  getMs: number[];
  statuses: Map<number, number>;
}


interface Checks {
  responses: number;
  responded: number;
  incomplete: number;
  answers: number;
  duplicates: { pairs: number; recorded: number; refused: number };
}

/**
 * `npm run bench -- answers [--invitations N] [--clients C] [--no-record]`: a launched baseline
 * wave, the real API in a process of its own, and C concurrent clients that each GET a form (for
 * its CSRF field) and POST all 21 answers and a comment. Reports submits/s and POST latency, then
 * checks that every accepted submit is one response with all its answers, and that racing
 * duplicate submits record nothing more. Appends the numbers to docs/BENCHMARKS.md unless --no-record.
 */
export async function answersBenchmark(args: string[]): Promise<void> {
  const flag = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const invitations = flag('--invitations', 12_000);
  const clients = flag('--clients', 50);
  if (!Number.isInteger(invitations) || invitations < 1000) throw new Error('--invitations must be a whole number of at least 1000');
  if (!Number.isInteger(clients) || clients < 1) throw new Error('--clients must be a whole number of at least 1');
  const cleanup = new Cleanup();
  try {
    const { url, server, api, tokens, adminToken } = await setUp(invitations, cleanup);
    const warmUp = tokens.splice(0, Math.min(1000, Math.floor(tokens.length / 10)));
    step(`warming up with ${warmUp.length} submits`);
    await answerAll(api.baseUrl, warmUp, clients);
    const duringForms = tokens.splice(0, Math.min(DURING_IMPORT_FORMS, Math.floor(tokens.length / 3)));
    const measured = tokens.splice(0, tokens.length - 500);
    step(`${clients} clients answering ${measured.length} forms`);
    const database = new URL(url).pathname.slice(1);
    const cpuBefore = cpuSeconds(database);
    const { result: timings, seen } = await whileMeasuring(api, () => answerAll(api.baseUrl, measured, clients));
    const cpu = cpuSince(cpuBefore, cpuSeconds(database));
    step(`${clients} clients answering while a ${IMPORT_ROWS}-row dry-run import runs`);
    const during = await answerDuringImport(api.baseUrl, api, adminToken, duringForms, clients, database);
    step('racing pairs of submits for 500 more forms, then every form again');
    const duplicates = await raceDuplicates(api.baseUrl, [...tokens], clients);
    const checks = { ...(await check(url)), duplicates };
    const expected = warmUp.length + measured.length + during.timings.submits + tokens.length;
    const section = [
      report(timings, cpu, checks, expected, clients, server, api.peakRssMb(), await machine(url)),
      duringReport(seen, during, clients),
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (!args.includes('--no-record')) record(section);
    if (checks.responses !== expected || checks.responded !== expected || checks.incomplete !== 0) throw new Error('lost or double answers: see the checks above');
  } finally {
    await cleanup.run();
  }
}

async function setUp(invitations: number, cleanup: Cleanup) {
  const { url, server } = await freshDatabase(cleanup, 'bench_answers');
  const secret = randomBytes(32).toString('base64url');
  const env = childProcessEnv({ DATABASE_URL: url, DATA_DIR: tempFolder(cleanup, 'bench-data'), SECRET_KEY: secret, LOG_LEVEL: 'warn' });
  const token = (await cli(env, ['token', 'create', '--role', 'admin', '--name', 'bench'])).trim().split('\n').pop()!;
  const api = await ApiProcess.start(env, await freePort());
  cleanup.add(() => api.stop());
  const call = async (path: string, body: unknown, type = 'application/json') => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const answer = (await response.json()) as { id: string; invited: number };
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}\n${api.recentOutput()}`);
    return answer;
  };
  for (const { share: _share, ...market } of BENCH_MARKETS) await call('/api/markets', market);
  const people = Math.ceil(invitations / BENCH_MARKETS[0].share / 0.97);
  step(`importing ${people} employees, launching a baseline wave in ${BENCH_MARKETS[0].code}`);
  await call('/api/employees/import', directoryCsv(generateDirectory(people)), 'text/csv');
  const now = Date.now();
  const wave = await call('/api/surveys', { kind: 'baseline', market: BENCH_MARKETS[0].code, channels: ['email'], opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() });
  await call(`/api/surveys/${wave.id}/launch`, {});
  const rows = await query<{ id: string }>(url, `SELECT id FROM invitations WHERE wave_id = '${wave.id}' ORDER BY random() LIMIT ${invitations}`);
  if (rows.length < invitations) throw new Error(`only ${rows.length} invitations; expected ${invitations}`);
  return { url, server, api, adminToken: token, tokens: rows.map((row) => invitationToken(secret, row.id)) };
}

/** A full answer form: every item 1–5 and a short comment. */
function formBody(csrf: string): string {
  const fields = new URLSearchParams({ csrf });
  for (const value of ['understand', 'analyze', 'relate', 'invent', 'enable']) for (const n of [1, 2, 3]) fields.set(`${value}_${n}`, String(1 + Math.floor(Math.random() * 5)));
  for (const code of ['people_1', 'people_2', 'process_1', 'process_2', 'technology_1', 'technology_2']) fields.set(`readiness_${code}`, String(1 + Math.floor(Math.random() * 5)));
  fields.set('comment', 'More time with customers, less paperwork.');
  return fields.toString();
}

async function getCsrf(connection: Connection, token: string): Promise<string> {
  const page = await connection.request('GET', `/s/${token}`);
  // The CSRF field comes early in the page, after the stylesheet.
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body.toString('latin1', 0, 16_384))?.[1];
  if (!csrf) throw new Error(`GET /s/${token} answered ${page.status} without a form`);
  return csrf;
}

async function post(connection: Connection, token: string, body: string): Promise<number> {
  return (await connection.request('POST', `/s/${token}`, body)).status;
}

/** `clients` loops, each taking the next token: GET the form, POST it; POSTs timed one by one. */
async function answerAll(baseUrl: string, tokens: string[], clients: number, stop = () => false): Promise<Timings> {
  const timings: Timings = { submits: 0, seconds: 0, postMs: [], getMs: [], statuses: new Map() };
  let next = 0;
  const started = performance.now();
  const client = async () => {
    const connection = new Connection(baseUrl);
    try {
      while (next < tokens.length && !stop()) {
        const token = tokens[next++];
        timings.submits++;
        const before = performance.now();
        const csrf = await getCsrf(connection, token);
        const between = performance.now();
        const status = await post(connection, token, formBody(csrf));
        timings.getMs.push(between - before);
        timings.postMs.push(performance.now() - between);
        timings.statuses.set(status, (timings.statuses.get(status) ?? 0) + 1);
        if (status !== 303) throw new Error(`POST /s/${token} answered ${status}, not 303`);
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  timings.seconds = (performance.now() - started) / 1000;
  return timings;
}

/** Two simultaneous submits per form: exactly one may be recorded. Then each form once more: none may. */
async function raceDuplicates(baseUrl: string, tokens: string[], clients: number): Promise<Checks['duplicates']> {
  const statuses: number[] = [];
  const forms: Array<{ token: string; body: string }> = [];
  let next = 0;
  const client = async () => {
    const [first, second] = [new Connection(baseUrl), new Connection(baseUrl)];
    try {
      while (next < tokens.length) {
        const token = tokens[next++];
        const body = formBody(await getCsrf(first, token));
        forms.push({ token, body });
        statuses.push(...(await Promise.all([post(first, token, body), post(second, token, body)])));
      }
    } finally {
      first.close();
      second.close();
    }
  };
  await Promise.all(Array.from({ length: Math.ceil(clients / 2) }, client));
  const again = new Connection(baseUrl);
  for (const { token, body } of forms) statuses.push(await post(again, token, body));
  again.close();
  return { pairs: tokens.length, recorded: statuses.filter((status) => status === 303).length, refused: statuses.filter((status) => status === 409).length };
}

async function check(url: string): Promise<Omit<Checks, 'duplicates'>> {
  const [row] = await query<Omit<Checks, 'duplicates'>>(
    url,
    `SELECT (SELECT count(*)::int FROM responses) AS responses,
            (SELECT count(*)::int FROM invitations i WHERE NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id)) AS responded,
            (SELECT count(*)::int FROM answers) AS answers,
            (SELECT count(*)::int FROM responses r WHERE (SELECT count(*) FROM answers a WHERE a.response_id = r.id) <> ${ITEMS}) AS incomplete`,
  );
  return row;
}



function step(what: string): void {
  process.stderr.write(`[bench answers] ${what}\n`);
}

/** The clients keep answering (from `forms`) until a dry-run import of IMPORT_ROWS people has answered. */
async function answerDuringImport(
  baseUrl: string,
  api: ApiProcess,
  adminToken: string,
  forms: string[],
  clients: number,
  database: string,
): Promise<DuringImport> {
  const csv = directoryCsv(generateDirectory(IMPORT_ROWS));
  const before = cpuSeconds(database);
  const { result, seen } = await whileMeasuring(api, async () => {
    let importing = true;
    const started = performance.now();
    const imported = fetch(`${baseUrl}/api/employees/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    })
      .then(async (response) => ({ status: response.status, body: await response.text() }))
      .finally(() => (importing = false));
    const [answer, timings] = await Promise.all([imported, answerAll(baseUrl, forms, clients, () => !importing)]);
    if (answer.status !== 200) process.stderr.write(`warning: the dry run answered ${answer.status}: ${answer.body.slice(0, 500)}\n`);
    return { timings, importStatus: answer.status, importSeconds: (performance.now() - started) / 1000 };
  });
  return { ...result, seen, cpu: cpuSince(before, cpuSeconds(database)) };
}

function duringReport(measured: Responsiveness, d: DuringImport, clients: number): string {
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const other = (c: Cpu, seconds: number) => ((c.machine - c.api - c.postgres - c.bench) / seconds).toFixed(2);
  const t = d.timings;
  return [
    `Event loop: while the phases ran, another client sent \`GET /health\` every 50 ms and the API measured its own event loop`,
    '(`monitorEventLoopDelay`, 10 ms resolution, via `--require bench/event-loop-probe`: an idle loop reads ~10 ms, one held 80 ms reads ~80 ms).',
    `The second phase: the ${clients} clients kept answering while a ${IMPORT_ROWS.toLocaleString('en')}-row \`dryRun\` import of a new directory ran`,
    `(answered ${d.importStatus} after ${d.importSeconds.toFixed(2)} s): ${t.submits} submits, ` +
      `${(t.submits / t.seconds).toFixed(0)}/s, POST p50 ${percentile(t.postMs, 50).toFixed(1)} ms,`,
    `p95 ${percentile(t.postMs, 95).toFixed(1)} ms, p99 ${percentile(t.postMs, 99).toFixed(1)} ms, ` +
      `max ${Math.max(...t.postMs).toFixed(1)} ms; API ${(d.cpu.api / d.importSeconds).toFixed(2)} CPUs,`,
    `PostgreSQL ${(d.cpu.postgres / d.importSeconds).toFixed(2)}, bench ${(d.cpu.bench / d.importSeconds).toFixed(2)}, ` +
      `other ${other(d.cpu, d.importSeconds)} (everything else on the machine).`,
    '',
    `| phase | ${RESPONSIVENESS_HEADER} |`,
    `|---|${RESPONSIVENESS_ALIGN}|`,
    `| answers (measured phase) | ${responsivenessCells(measured)} |`,
    `| answers during the ${IMPORT_ROWS.toLocaleString('en')}-row dry run | ${responsivenessCells(d.seen)} |`,
    '',
    RESPONSIVENESS_NOTE,
    '',
    `Goal: event-loop p99 under ${GOAL_LOOP_P99_MS} ms while the import runs — ${met(d.seen.loop.p99 < GOAL_LOOP_P99_MS)}.`,
    '',
  ].join('\n');
}

function report(t: Timings, cpu: Cpu, c: Checks, expected: number, clients: number, server: string, peakRssMb: number, on: Awaited<ReturnType<typeof machine>>): string {
  const perSecond = t.submits / t.seconds;
  const p50 = percentile(t.postMs, 50);
  const p95 = percentile(t.postMs, 95);
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const intact = c.responses === expected && c.responded === expected && c.incomplete === 0 && c.answers === expected * ITEMS;
  return [
    `## Survey answers — ${on.date}`,
    '',
    `Machine: ${on.cpus} CPUs (nproc, ${on.cpuModel}), ${on.memory} RAM; Node ${on.node}; PostgreSQL ${on.postgres} (${server}).`,
    `\`npm run bench -- answers\`: a launched baseline wave; the API alone in its process (LOG_LEVEL=warn), the ${clients} clients in the bench's process`,
    'on the same machine. Each client loops: `GET /s/:token` (reads the CSRF field), then `POST /s/:token` with all 21 answers and a comment',
    '(303 expected). Submits/s counts the whole loop, GET included; latencies are per request.',
    '',
    '| clients | submits | seconds | submits/s | answers/s | POST p50 ms | POST p95 ms | POST p99 ms | GET p50 ms | GET p95 ms | API peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${clients} | ${t.submits} | ${t.seconds.toFixed(2)} | ${Math.round(perSecond)} | ${Math.round(perSecond * ITEMS)} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${percentile(t.postMs, 99).toFixed(1)} | ${percentile(t.getMs, 50).toFixed(1)} | ${percentile(t.getMs, 95).toFixed(1)} | ${Math.round(peakRssMb)} |`,
    '',
    `CPU per submit (GET + POST), measured phase: API ${((cpu.api / t.submits) * 1000).toFixed(2)} ms, PostgreSQL ${((cpu.postgres / t.submits) * 1000).toFixed(2)} ms,`,
    `the bench's clients ${((cpu.bench / t.submits) * 1000).toFixed(2)} ms; ${((cpu.api + cpu.postgres + cpu.bench) / t.seconds).toFixed(2)} of ${on.cpus} CPUs busy with these,`,
    `${(cpu.machine / t.seconds).toFixed(2)} with everything else that ran on the machine meanwhile.`,
    `Goals: ≥ ${GOAL_PER_SECOND} submits/s — ${met(perSecond >= GOAL_PER_SECOND)}; POST p95 under ${GOAL_P95_MS} ms — ${met(p95 < GOAL_P95_MS)}.`,
    `Checks: ${expected} accepted submits (warm-up, measured, during the import, races) → ` +
      `${c.responses} responses, ${c.responded} invitations answered, ${c.answers} answers,`,
    `${c.incomplete} responses missing answers — ${intact ? 'no lost or double answer' : '**lost or double answers**'}. Racing duplicates: ${c.duplicates.pairs} forms`,
    `each POSTed twice at once and then once more: ${c.duplicates.recorded} recorded, ${c.duplicates.refused} refused (409).`,
    '',
  ].join('\n');
}

function record(section: string): void {
  step(`appended to ${recordBenchmark(section)}`);
}
