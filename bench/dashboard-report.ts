import type { machine } from './bench-support';
import type { SurveyLoad } from './dashboard-data';
import type { LoadRun, Timed } from './dashboard-load';
import { median, percentile, type Cpu } from './dashboard-measure';
import type { RollupBuild, RoundRefresh } from './dashboard-rollups';

/** Goal for both endpoints, at the 95th percentile. */
export const GOAL_P95_MS = 200;

export interface DashboardResult {
  employees: number;
  weeks: number;
  clients: number;
  requests: number;
  seconds: number;
  server: string;
  /** Employees per market code. */
  people: Map<string, number>;
  surveys: SurveyLoad;
  employeeSeconds: number;
  analyzeSeconds: number;
  loadCpu: Cpu;
  build: RollupBuild;
  refresh: RoundRefresh;
  sizes: { answersMb: number; responsesMb: number; rollupMb: number; rollupRows: number };
  warmUp: LoadRun;
  run: LoadRun;
  /** CPU of the measured requests. */
  cpu: Cpu;
  apiPeakRssMb: number;
  benchSeconds: number;
  benchPeakRssMb: number;
}

export interface Goal {
  text: string;
  met: boolean;
}

type Machine = Awaited<ReturnType<typeof machine>>;

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const thousands = (value: number) => value.toLocaleString('en');

/** The section for docs/BENCHMARKS.md, and the goals to print as PASS or FAIL. */
export function dashboardReport(result: DashboardResult, on: Machine): { section: string; goals: Goal[] } {
  const p95 = (endpoint: string) => percentile(result.run.byEndpoint.get(endpoint)?.ms ?? [], 95);
  const goals: Goal[] = ['progress', 'breakdown'].map((endpoint) => ({
    text: `/${endpoint} p95 ${fixed(p95(endpoint))} ms under ${GOAL_P95_MS} ms with ${result.clients} clients`,
    met: p95(endpoint) < GOAL_P95_MS && (result.run.byEndpoint.get(endpoint)?.errors ?? 1) === 0,
  }));
  const met = (goal: Goal) => (goal.met ? 'met' : '**missed**');
  const section = [
    `## Dashboard reads — ${on.date}`,
    '',
    `Machine: ${on.cpus} CPUs (nproc, ${on.cpuModel}), ${on.memory} RAM; Node ${on.node}; PostgreSQL ${on.postgres} (${result.server}).`,
    ...dataLines(result),
    '',
    ...latencyLines(result, on.cpus),
    '',
    `Goals: /progress p95 under ${GOAL_P95_MS} ms — ${met(goals[0])}; /breakdown p95 under ${GOAL_P95_MS} ms — ${met(goals[1])}.`,
    `The whole run took ${fixed(result.benchSeconds / 60)} min; the bench process (generator, COPY writer, clients) peaked at ${Math.round(result.benchPeakRssMb)} MB RSS.`,
    '',
  ].join('\n');
  return { section, goals };
}

function dataLines(r: DashboardResult): string[] {
  const { surveys, build, refresh, loadCpu } = r;
  const markets = [...r.people].map(([code, count]) => `${code} ${thousands(count)}`).join(', ');
  const loadSeconds = r.employeeSeconds + surveys.seconds + r.analyzeSeconds;
  return [
    `\`npm run bench -- dashboard\`: ${thousands(r.employees)} employees (${markets}; ${r.people.size} markets, the pilot DE with the other four as its controls)`,
    `loaded with COPY; per market a closed baseline (all 21 items) and ${r.weeks} closed weekly pulses (5 items each) from the demo generator`,
    '(`generateWaveRows`), streamed with COPY a wave at a time into the migrated tables, indexes and constraints in place; then ANALYZE.',
    '',
    '| waves | invitations | responses | answers | answers MB | responses MB | rollup rows | rollup MB | load s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${surveys.plan.waves.length} | ${thousands(surveys.invitations)} | ${thousands(surveys.responses)} | ${thousands(surveys.answers)} | ${Math.round(r.sizes.answersMb)} | ${Math.round(r.sizes.responsesMb)} | ${thousands(r.sizes.rollupRows)} | ${fixed(r.sizes.rollupMb)} | ${fixed(loadSeconds)} |`,
    '',
    `Load: employees ${fixed(r.employeeSeconds)} s, surveys ${fixed(surveys.seconds)} s (${thousands(Math.round(surveys.answers / surveys.seconds))} answers/s), ANALYZE ${fixed(r.analyzeSeconds)} s;`,
    `CPU meanwhile: the bench's generator and COPY writer ${fixed(loadCpu.bench)} s, PostgreSQL ${fixed(loadCpu.postgres)} s, the machine ${fixed(loadCpu.machine)} s.`,
    `Rollups of all ${build.waves} waves (\`refreshRollups\`, one wave a transaction): ${fixed(build.seconds)} s; per wave median ${Math.round(build.median.baseline)} ms for a baseline,`,
    `${Math.round(build.median.pulse)} ms for a pulse, slowest ${Math.round(build.max)} ms.`,
    `Refresh after a pulse round (the pilot's latest, ${refresh.round}, ${thousands(refresh.responses)} responses), ${refresh.runs.length} runs: median ${Math.round(median(refresh.runs))} ms,`,
    `max ${Math.round(Math.max(...refresh.runs))} ms.`,
  ];
}

function latencyLines(r: DashboardResult, cpus: string): string[] {
  const { run, cpu } = r;
  const row = (label: string, timed: Timed) =>
    `| ${label} | ${timed.ms.length} | ${fixed(percentile(timed.ms, 50))} | ${fixed(percentile(timed.ms, 95))} | ${fixed(percentile(timed.ms, 99))} | ${fixed(Math.max(...timed.ms))} | ${timed.errors} | ${fixed(timed.bytes / timed.ms.length / 1024)} |`;
  const labels = [...run.byLabel.keys()].sort();
  const perSecond = run.requests / run.seconds;
  const busy = cpu.api + cpu.postgres + cpu.bench;
  return [
    `Reads: the API alone in its process (LOG_LEVEL=warn), warmed up with ${r.warmUp.requests} requests (every body checked), then ${r.clients} keep-alive clients`,
    `in the bench's process sending GETs back to back (${thousands(r.requests)} or ${r.seconds} s, whichever came first: ${thousands(run.requests)} sent): progress of each market`,
    '(three times as often as each breakdown) and breakdowns by audience, department and manager for current and baseline of each market, shuffled; latencies in ms.',
    '',
    '| requests | count | p50 | p95 | p99 | max | errors | KB each |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...labels.map((label) => row(label, run.byLabel.get(label)!)),
    ...['progress', 'breakdown'].map((endpoint) => row(`**all /${endpoint}**`, run.byEndpoint.get(endpoint)!)),
    '',
    `${fixed(perSecond)} requests/s over ${fixed(run.seconds)} s; API peak RSS ${Math.round(r.apiPeakRssMb)} MB. ${run.checked} bodies checked (market, figures not suppressed,`,
    `the pilot's difference-in-differences): ${run.problems.length ? run.problems.join('; ') : 'all well-formed'}.`,
    `CPU per request: API ${fixed((cpu.api / run.requests) * 1000, 2)} ms, PostgreSQL ${fixed((cpu.postgres / run.requests) * 1000, 2)} ms, clients ${fixed((cpu.bench / run.requests) * 1000, 2)} ms;`,
    `${fixed(busy / run.seconds, 2)} of ${cpus} CPUs busy with these, ${fixed(cpu.machine / run.seconds, 2)} with everything that ran on the machine meanwhile.`,
  ];
}
