import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { isDatabaseUnavailable } from './database-unavailable';

export interface OutageTimings {
  /** How often a probe tries to connect while the database is away. */
  probeMs: number;
  /** How often a "still unavailable" line is written while it stays away. */
  reportMs: number;
}

/**
 * Turns a database outage into three kinds of log line instead of one per failed request: one
 * when it starts, one a minute while it lasts, and one when a probe connects again, each with
 * the counts of what was refused meanwhile ("1,234 requests refused, 56 background errors").
 */
export class DatabaseOutage {
  private since?: number;
  private lastReport = 0;
  private readonly counts = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly probe: (() => Promise<void>) | undefined,
    private readonly logger = new Logger('Database'),
    private readonly timings: OutageTimings = { probeMs: 2000, reportMs: 60_000 },
  ) {}

  get down(): boolean {
    return this.since !== undefined;
  }

  /** Counts one thing refused (`what`: "requests refused", "background errors") for want of the database. */
  note(what: string, error?: unknown): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
    if (this.since !== undefined) return;
    this.since = this.lastReport = Date.now();
    this.logger.warn(`database unavailable (${reason(error)}): counting what fails until it is back`);
    this.timer = setInterval(() => void this.tick(), this.timings.probeMs).unref();
  }

  /** Ends the outage: one line with how long it lasted and what was refused. */
  recovered(): void {
    if (this.since === undefined) return;
    clearInterval(this.timer);
    this.logger.log(`database available again after ${seconds(Date.now() - this.since)}; meanwhile ${this.countLine()}`);
    this.since = undefined;
    this.counts.clear();
  }

  private async tick(): Promise<void> {
    if (this.probing || this.since === undefined) return;
    this.probing = true;
    try {
      if (this.probe) {
        await this.probe();
        return this.recovered();
      }
    } catch {
      // still away
    } finally {
      this.probing = false;
    }
    if (this.since !== undefined && Date.now() - this.lastReport >= this.timings.reportMs) {
      this.lastReport = Date.now();
      this.logger.warn(`database still unavailable after ${seconds(Date.now() - this.since)}: ${this.countLine()}`);
    }
  }

  private countLine(): string {
    const parts = [...this.counts].map(([what, count]) => `${count.toLocaleString('en-US')} ${what}`);
    return parts.length ? parts.join(', ') : 'nothing refused';
  }
}

const outages = new Map<string, DatabaseOutage>();

/** The process's outage tracker for a database (probing that URL for its return). */
export function databaseOutage(databaseUrl?: string, timings?: OutageTimings): DatabaseOutage {
  const key = databaseUrl ?? '';
  let outage = outages.get(key);
  if (!outage) {
    outage = new DatabaseOutage(databaseUrl ? () => connectOnce(databaseUrl) : undefined, undefined, timings);
    outages.set(key, outage);
  }
  return outage;
}

/**
 * Keeps a process alive through a database outage: a promise rejected for want of the database
 * (pg-boss completes jobs without awaiting) is counted; any other unhandled rejection still
 * crashes the process, as Node would.
 */
export function surviveDatabaseOutages(outage: DatabaseOutage): void {
  process.on('unhandledRejection', (rejection) => {
    if (!isDatabaseUnavailable(rejection)) throw rejection;
    outage.note('background errors', rejection);
  });
}

async function connectOnce(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000).toLocaleString('en-US')} s`;
}

// The code or first line of the error that started it, never more (a message may quote data).
function reason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code) return code;
  return typeof message === 'string' ? message.split('\n')[0].slice(0, 120) : 'unknown';
}
