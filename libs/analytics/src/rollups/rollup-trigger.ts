import { Injectable, Logger } from '@nestjs/common';
import { JobQueue, QUEUES } from '@changepulse/core';

/** How long answers to one wave gather before the worker rebuilds its rollups. */
const GATHER_MS = 1000;

/**
 * Tells the worker a wave got answers. A burst of answers becomes one job: calls for a wave
 * gather here for a second, and pg-boss debounces across processes. A call lost in a crash is
 * caught by the worker's minute tick, which refreshes any wave whose rollups lag.
 */
@Injectable()
export class RollupTrigger {
  private readonly logger = new Logger(RollupTrigger.name);
  private readonly pending = new Set<string>();

  constructor(private readonly queue: JobQueue) {}

  waveAnswered(waveId: string): void {
    if (this.pending.has(waveId)) return;
    this.pending.add(waveId);
    setTimeout(() => {
      this.pending.delete(waveId);
      this.queue
        .sendDebounced(QUEUES.analyticsRefresh, { waveId }, `wave:${waveId}`, 2)
        .catch((error: unknown) => this.logger.warn({ err: error, waveId }, 'could not queue a rollup refresh; the minute tick will catch up'));
    }, GATHER_MS).unref();
  }
}
