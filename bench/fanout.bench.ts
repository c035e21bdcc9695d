import { DynamicModule, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@changepulse/access';
import { AppConfig, ConfigModule, loadConfig, QueueModule } from '@changepulse/core';
import { dataSourceOptions } from '@changepulse/database';
import { DEFAULT_DELIVERY_OPTIONS, DeliveriesService, DeliveryModule, SMTP_POOL_OPTIONS, type DeliveryRow, type OutgoingMessage } from '@changepulse/delivery';
import { PEOPLE_ENTITIES } from '@changepulse/people';
import { SurveyMailComposer, SurveysModule, SURVEY_ENTITIES, WavesService } from '@changepulse/surveys';
import { BenchSmtpSink } from './bench-smtp-sink';
import { Cleanup, freshDatabase, machine, tempFolder, recordBenchmark } from './bench-support';

const GOAL_RATIO = 0.8;
const HOST = 'pulse.example.com';

/** What the worker has for sending mail, and no pg-boss handlers: the benchmark drains by hand. */
@Module({})
class FanoutModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FanoutModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl!, [...PEOPLE_ENTITIES, ...SURVEY_ENTITIES])),
        QueueModule.forRoot({ worker: false }),
        SurveysModule,
        DeliveryModule.forRoot({ composers: [SurveyMailComposer] }),
      ],
    };
  }
}

interface Run {
  seconds: number;
  mails: number;
  /** CPU time of this process (sink included) per mail, in ms. */
  cpuMs: number;
}

interface Round {
  bare: Run;
  ours: Run;
}

interface Result {
  people: number;
  server: string;
  launchSeconds: number;
  rounds: Round[];
  megabytes: number;
  /** The 1-minute load average before and after the rounds: other work on the machine skews single rounds. */
  load: [number, number];
}

/**
 * `npm run bench -- fanout [--people N] [--rounds R] [--no-record]`: a baseline wave to N people
 * (default 20,000) sent by the real drain (DeliveriesService, the survey composer, the pooled
 * EmailSender) to an in-process SMTP sink, and the same mails sent by a bare nodemailer pooled
 * loop to the same sink. R rounds (default 3) of one run each, back to back in alternating order,
 * so that load from elsewhere on the machine weighs on both alike; the median of the rounds'
 * ratios is the result. Appends the numbers to docs/BENCHMARKS.md unless --no-record.
 */
export async function fanoutBenchmark(args: string[]): Promise<void> {
  const people = numberFlag(args, '--people', 20_000);
  const rounds = numberFlag(args, '--rounds', 3);
  if (people < 100) throw new Error('--people must be a whole number of at least 100');
  const cleanup = new Cleanup();
  try {
    const { url, server } = await freshDatabase(cleanup, 'bench_fanout');
    const sink = await BenchSmtpSink.start();
    cleanup.add(() => sink.close());
    const config = loadConfig({ DATABASE_URL: url, DATA_DIR: tempFolder(cleanup, 'bench-fanout'), SMTP_URL: sink.url, APP_URL: `https://${HOST}`, LOG_LEVEL: 'warn' });
    const app = await NestFactory.createApplicationContext(FanoutModule.forRoot(config), { logger: ['error', 'warn'] });
    cleanup.add(() => app.close());
    const result = await measure(app, config, sink, people, rounds, server);
    const section = report(result, await machine(url));
    process.stdout.write(`\n${section}\n`);
    if (!args.includes('--no-record')) record(section);
  } finally {
    await cleanup.run();
  }
}

async function measure(app: INestApplicationContext, config: AppConfig, sink: BenchSmtpSink, people: number, roundCount: number, server: string): Promise<Result> {
  const dataSource = app.get(DataSource);
  step(`creating ${people} people in one market`);
  await seedPeople(dataSource, people);
  step('creating and launching a baseline wave');
  const started = performance.now();
  const waveId = await launchWave(app);
  const launchSeconds = seconds(started);

  step('composing the same mails for the bare loop');
  const mails = await composeAll(app, dataSource, waveId);
  if (mails.length !== people) throw new Error(`composed ${mails.length} mails, expected ${people}`);

  const rounds: Round[] = [];
  const loadBefore = loadavg()[0];
  let megabytes = 0;
  for (let index = 0; index < roundCount; index++) {
    const bare = async () => {
      step(`round ${index + 1} of ${roundCount}: bare nodemailer pooled loop`);
      return expectAll(sink, people, () => bareLoop(config, mails));
    };
    const ours = async () => {
      step(`round ${index + 1} of ${roundCount}: our drain (DeliveriesService + SurveyMailComposer + EmailSender)`);
      if (index > 0) await requeue(dataSource);
      const run = await expectAll(sink, people, () => app.get(DeliveriesService).drain());
      await checkDrained(dataSource, sink, mails);
      megabytes = sink.bytes / 1024 / 1024;
      return run;
    };
    rounds.push(index % 2 === 0 ? { bare: await bare(), ours: await ours() } : { ours: await ours(), bare: await bare() });
  }
  return { people, server, launchSeconds, rounds, megabytes, load: [loadBefore, loadavg()[0]] };
}

/** Every mail arrived once, and every row says sent. */
async function checkDrained(dataSource: DataSource, sink: BenchSmtpSink, mails: OutgoingMessage[]): Promise<void> {
  const sentIds = new Set(sink.messageIds);
  if (sentIds.size !== mails.length || mails.some((mail) => !sentIds.has(`<${mail.deliveryId}@${HOST}>`))) throw new Error('the drain lost or doubled mails');
  const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM deliveries WHERE kind = 'survey_invitation' AND status = 'sent'`);
  if (sent !== mails.length) throw new Error(`${sent} delivery rows are sent, expected ${mails.length}`);
}

/** The invitations back in the queue for the next round, as if just launched. */
async function requeue(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `UPDATE deliveries SET status = 'queued', attempts = 0, due_at = now(), sent_at = NULL, provider_message_id = NULL, updated_at = now()
      WHERE kind = 'survey_invitation'`,
  );
  await dataSource.query(`VACUUM ANALYZE deliveries`);
}

function numberFlag(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

async function seedPeople(dataSource: DataSource, count: number): Promise<void> {
  await dataSource.query(`INSERT INTO markets (code, name, timezone, locale, role) VALUES ('DE', 'Germany', 'Europe/Berlin', 'de-DE', 'pilot')`);
  // A tenth with an English locale, so that both languages are rendered.
  await dataSource.query(
    `INSERT INTO employees (employee_id, email, first_name, last_name, market_id, department, tier_id, locale, hire_date, status)
     SELECT 'E' || lpad(g::text, 7, '0'), 'person.' || g || '@example.com', (ARRAY['Anna', 'Jürgen', 'Zoë', 'Mehmet', 'Sanne', 'Luca'])[1 + g % 6],
            'Tester', m.id, (ARRAY['Sales', 'Customer Service', 'Retention'])[1 + g % 3], t.id,
            CASE WHEN g % 10 = 0 THEN 'en-GB' END, DATE '2015-01-01' + g % 3000, 'active'
       FROM generate_series(1, $1) g, markets m, audience_tiers t
      WHERE m.code = 'DE' AND t.key = 'telemarketer'`,
    [count],
  );
}

async function launchWave(app: INestApplicationContext): Promise<string> {
  const waves = app.get(WavesService);
  const now = Date.now();
  const wave = await waves.create(SYSTEM_ACTOR, {
    kind: 'baseline',
    market: 'DE',
    channels: ['email'],
    title: 'Baseline 2026',
    opensAt: new Date(now).toISOString(),
    closesAt: new Date(now + 14 * 86_400_000).toISOString(),
  });
  await waves.launch(SYSTEM_ACTOR, wave.id);
  return wave.id;
}

/** The invitation mails exactly as the composer makes them; composing changes nothing in the log. */
async function composeAll(app: INestApplicationContext, dataSource: DataSource, waveId: string): Promise<OutgoingMessage[]> {
  const rows: DeliveryRow[] = await dataSource.query(
    `SELECT d.id, d.kind, d.channel, d.invitation_id AS "invitationId", d.sequence
       FROM deliveries d JOIN invitations i ON i.id = d.invitation_id WHERE i.wave_id = $1 AND d.kind = 'survey_invitation'`,
    [waveId],
  );
  const composer = app.get(SurveyMailComposer);
  const mails: OutgoingMessage[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    for (const mail of (await composer.compose(rows.slice(start, start + 1000))).values()) if (mail) mails.push(mail);
  }
  return mails;
}

/** The floor: nodemailer's pool with the same settings, the same mails, as many in flight as our drain. */
async function bareLoop(config: AppConfig, mails: OutgoingMessage[]): Promise<void> {
  const transport = createTransport({ ...SMTP_POOL_OPTIONS, url: config.smtpUrl });
  try {
    let next = 0;
    const lane = async () => {
      while (next < mails.length) {
        const mail = mails[next++];
        const { deliveryId, to, subject, text, html, headers } = mail;
        await transport.sendMail({ from: config.mailFrom, to, subject, text, html, headers, messageId: `<${deliveryId}@${HOST}>` });
      }
    };
    await Promise.all(Array.from({ length: DEFAULT_DELIVERY_OPTIONS.concurrency }, lane));
  } finally {
    transport.close();
  }
}

async function expectAll(sink: BenchSmtpSink, count: number, work: () => Promise<unknown>): Promise<Run> {
  sink.reset();
  const started = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(cpu);
  const run = { seconds: seconds(started), mails: sink.messageIds.length, cpuMs: (user + system) / 1000 / count };
  if (run.mails !== count) throw new Error(`the sink received ${run.mails} mails, expected ${count}`);
  return run;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const rate = (run: Run) => run.mails / run.seconds;

function step(what: string): void {
  process.stderr.write(`[bench fanout] ${what}\n`);
}

function report(result: Result, on: Awaited<ReturnType<typeof machine>>): string {
  const ratios = result.rounds.map((round) => rate(round.ours) / rate(round.bare));
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor((ratios.length - 1) / 2)];
  const { batchSize, concurrency } = DEFAULT_DELIVERY_OPTIONS;
  const cell = (run: Run) => `${run.seconds.toFixed(2)} s, ${Math.round(rate(run))}/s, ${run.cpuMs.toFixed(2)} ms CPU`;
  return [
    `## Survey mail fan-out — ${on.date}`,
    '',
    `Machine: ${on.cpus} CPUs (nproc, ${on.cpuModel}), ${on.memory} RAM; Node ${on.node}; PostgreSQL ${on.postgres} (${result.server}).`,
    `\`npm run bench -- fanout\`: a baseline wave to ${result.people.toLocaleString('en')} people (one market, a tenth in English), launched`,
    `(${result.launchSeconds.toFixed(2)} s for invitations and delivery rows), then its invitation mails (${(result.megabytes / result.people * 1024).toFixed(1)} KB each, text and HTML)`,
    'sent to an SMTP sink (smtp-server) in the same process: by our drain (`DeliveriesService.drain()`: claim, compose with one query a batch,',
    `send, write back), and by a bare nodemailer pooled loop with the same mails composed beforehand. Batch ${batchSize}, ${concurrency} in flight,`,
    `pool of ${SMTP_POOL_OPTIONS.maxConnections} connections, ${SMTP_POOL_OPTIONS.maxMessages} mails a connection, in both. Rounds back to back, order alternating;`,
    `load average ${result.load[0].toFixed(2)} before the rounds, ${result.load[1].toFixed(2)} after. CPU is this process's (sink included) per mail.`,
    '',
    '| round | mails | bare loop | our drain | drain / bare |',
    '|---:|---:|---:|---:|---:|',
    ...result.rounds.map((round, index) => `| ${index + 1} | ${result.people} | ${cell(round.bare)} | ${cell(round.ours)} | ${ratios[index].toFixed(2)} |`),
    '',
    `Median ratio ${ratio.toFixed(2)}; goal at least ${GOAL_RATIO} — ${ratio >= GOAL_RATIO ? 'met' : '**missed**'}. Every mail of every drain arrived once (Message-IDs checked) and every row is \`sent\`.`,
    '',
  ].join('\n');
}

function record(section: string): void {
  step(`appended to ${recordBenchmark(section)}`);
}
