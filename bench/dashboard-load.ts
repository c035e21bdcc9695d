import { performance } from 'node:perf_hooks';
import { BearerConnection } from './dashboard-client';

/** One URL of the mix, the row of the report it counts toward, and what a good answer looks like. */
export interface Target {
  endpoint: 'progress' | 'breakdown';
  label: string;
  path: string;
  /** Why the body is wrong, or null. */
  check: (body: Record<string, unknown>) => string | null;
}

/** The latencies (ms) and failures of one row of the report. */
export interface Timed {
  ms: number[];
  errors: number;
  bytes: number;
}

export interface LoadRun {
  /** Sent and answered. */
  requests: number;
  seconds: number;
  byLabel: Map<string, Timed>;
  byEndpoint: Map<string, Timed>;
  /** Bodies parsed and checked. */
  checked: number;
  /** The first few failures, for the report. */
  problems: string[];
}

const BY = ['audience', 'department', 'manager'] as const;
const WAVES = ['current', 'baseline'] as const;
/** Progress is the dashboard's first page: each market's comes up this many times per pass over the breakdowns. */
const PROGRESS_WEIGHT = 3;

const isFigure = (value: unknown) => typeof (value as { cli?: unknown } | null)?.cli === 'number' && typeof (value as { n?: unknown }).n === 'number';

/** Progress of every market (the pilot with its difference-in-differences) and every breakdown of every market, shuffled. */
export function dashboardTargets(codes: string[], pilot: string): Target[] {
  const targets: Target[] = [];
  for (const code of codes) {
    const progress: Target = {
      endpoint: 'progress',
      label: code === pilot ? 'progress, pilot' : 'progress, controls',
      path: `/api/markets/${code}/progress`,
      check: (body) => {
        if ((body.market as { code?: string } | undefined)?.code !== code) return `progress ${code}: wrong or missing market`;
        if (!isFigure(body.baseline) || !isFigure(body.current)) return `progress ${code}: baseline or current suppressed or missing`;
        if (code === pilot && typeof (body.did as { estimate?: unknown } | undefined)?.estimate !== 'number') return `progress ${code}: no difference-in-differences`;
        return null;
      },
    };
    targets.push(...Array.from({ length: PROGRESS_WEIGHT }, () => progress));
    for (const by of BY) for (const wave of WAVES) targets.push(breakdown(code, by, wave));
  }
  for (let index = targets.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [targets[index], targets[other]] = [targets[other], targets[index]];
  }
  return targets;
}

function breakdown(code: string, by: (typeof BY)[number], wave: (typeof WAVES)[number]): Target {
  return {
    endpoint: 'breakdown',
    label: `breakdown by ${by}, ${wave}`,
    path: `/api/markets/${code}/breakdown?by=${by}&wave=${wave}`,
    check: (body) => {
      const groups = body.groups as unknown[] | undefined;
      if (body.by !== by || body.wave !== wave || !Array.isArray(groups)) return `breakdown ${code} ${by} ${wave}: not a breakdown`;
      return groups.some(isFigure) ? null : `breakdown ${code} ${by} ${wave}: every group suppressed`;
    },
  };
}

/**
 * `clients` keep-alive connections, each sending the next request of the mix as soon as its last
 * answer is in, until `requests` were sent or `seconds` have passed. Every `checkEvery`-th body is
 * parsed and checked.
 */
export async function runLoad(baseUrl: string, token: string, targets: Target[], limits: { requests: number; seconds: number }, clients: number, checkEvery: number): Promise<LoadRun> {
  const run: LoadRun = { requests: 0, seconds: 0, byLabel: new Map(), byEndpoint: new Map(), checked: 0, problems: [] };
  const deadline = performance.now() + limits.seconds * 1000;
  const timedOf = (map: Map<string, Timed>, key: string) => map.get(key) ?? map.set(key, { ms: [], errors: 0, bytes: 0 }).get(key)!;
  let next = 0;
  const client = async () => {
    const connection = new BearerConnection(baseUrl, token);
    try {
      while (next < limits.requests && performance.now() < deadline) {
        const index = next++;
        const target = targets[index % targets.length];
        const before = performance.now();
        const { status, body } = await connection.get(target.path);
        const ms = performance.now() - before;
        const problem = status !== 200 ? `${target.path} answered ${status}: ${body.toString('utf8', 0, 300)}` : index % checkEvery === 0 ? checkBody(target, body, run) : null;
        for (const timed of [timedOf(run.byLabel, target.label), timedOf(run.byEndpoint, target.endpoint)]) {
          timed.ms.push(ms);
          timed.bytes += body.length;
          if (problem) timed.errors++;
        }
        if (problem && run.problems.length < 5) run.problems.push(problem);
      }
    } finally {
      connection.close();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  run.requests = next;
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

function checkBody(target: Target, body: Buffer, run: LoadRun): string | null {
  run.checked++;
  try {
    return target.check(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
  } catch (error) {
    return `${target.path}: not JSON (${String(error)})`;
  }
}
