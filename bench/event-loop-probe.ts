import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Loaded into the API process by the benches (`node --require`), never by the product: samples
 * the event loop's delay every RESOLUTION_MS and answers the bench's `{ eventLoop: true }` message
 * with the figures since the last one. A sample is the time between two timer runs, so an idle
 * loop reads about RESOLUTION_MS and a loop blocked for 80 ms reads about 80 ms.
 */
export const RESOLUTION_MS = 10;

export interface EventLoopFigures {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
process.on('message', (message: unknown) => {
  if (typeof message !== 'object' || message === null || !('eventLoop' in message)) return;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const figures: EventLoopFigures = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count };
  histogram.reset();
  process.send?.({ eventLoopFigures: figures });
});
// The IPC channel must not keep the API alive once it has stopped serving.
process.channel?.unref();
