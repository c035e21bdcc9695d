import { setTimeout as sleep } from 'node:timers/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ApiProcess } from './bench-support';
import { Connection } from './bench-http-connection';
import type { EventLoopFigures } from './event-loop-probe';
import { percentile } from './dashboard-measure';

/** What another user saw while some work ran: GET /health answers, and the API's own event-loop delay. */
export interface Responsiveness {
  loop: EventLoopFigures;
  pings: number;
  pingP50: number;
  pingP99: number;
  pingMax: number;
  failed: number;
  /** The bench's own event-loop max (ms): a ping slower than this and the API's loop max waited elsewhere (the database, the CPU). */
  benchLoopMax: number;
}

export const GOAL_LOOP_P99_MS = 50;

/**
 * Runs `work` while a client of its own sends GET /health every `everyMs` (one at a time, on a
 * keep-alive connection), and reads the API's event-loop delay over the same span.
 */
export async function whileMeasuring<T>(api: ApiProcess, work: () => Promise<T>, everyMs = 50): Promise<{ result: T; seen: Responsiveness }> {
  await api.eventLoop(); // starts the span
  const own = monitorEventLoopDelay({ resolution: 10 });
  own.enable();
  const latencies: number[] = [];
  let failed = 0;
  let running = true;
  const connection = new Connection(api.baseUrl);
  const pinging = (async () => {
    while (running) {
      const started = performance.now();
      const status = await connection.request('GET', '/health').then((answer) => answer.status, () => 0);
      const took = performance.now() - started;
      latencies.push(took);
      if (status !== 200) failed++;
      await sleep(Math.max(0, everyMs - took));
    }
  })();
  try {
    const result = await work();
    own.disable();
    return { result, seen: { ...(await seenSince(api, latencies, () => failed)), benchLoopMax: own.max / 1e6 } };
  } finally {
    running = false;
    await pinging;
    connection.close();
  }
}

async function seenSince(api: ApiProcess, latencies: number[], failed: () => number): Promise<Omit<Responsiveness, 'benchLoopMax'>> {
  const loop = await api.eventLoop();
  return {
    loop,
    pings: latencies.length,
    pingP50: percentile(latencies, 50),
    pingP99: percentile(latencies, 99),
    pingMax: Math.max(...latencies),
    failed: failed(),
  };
}

/** One table row: event-loop p50/p99/max (ms), then /health pings n, p50, p99, max, failed. */
export function responsivenessCells(seen: Responsiveness): string {
  const ms = (value: number) => value.toFixed(1);
  return (
    `${ms(seen.loop.p50)} | ${ms(seen.loop.p99)} | ${ms(seen.loop.max)} | ` +
    `${seen.pings} | ${ms(seen.pingP50)} | ${ms(seen.pingP99)} | ${ms(seen.pingMax)} | ${seen.failed} | ` +
    `${ms(seen.benchLoopMax)}`
  );
}

export const RESPONSIVENESS_HEADER =
  'loop p50 | loop p99 | loop max | pings | ping p50 | ping p99 | ping max | failed | bench loop max';
/** Printed under every table with RESPONSIVENESS_HEADER: what the abbreviated columns mean. */
export const RESPONSIVENESS_NOTE =
  'loop and ping columns are in ms; pings: `/health` pings sent; failed: pings that failed; ' +
  'bench loop max: the bench process’s own worst event-loop delay (ms).';
export const RESPONSIVENESS_ALIGN = '---:|---:|---:|---:|---:|---:|---:|---:|---:';
