import type { ChildProcess } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { pinoOptions, type AppConfig } from '@changepulse/core';

/** A process that ran this long is stable: its next crash restarts after the first delay again. */
export const STABLE_AFTER_MS = 60_000;

/** Seconds before the next restart when `failures` restarts came in a row: 1, 2, 4 … 30. */
export function restartDelaySeconds(failures: number): number {
  return Math.min(30, 2 ** failures);
}

/** The launcher's own log (JSON or pretty, as the apps log). */
export function launcherLogger(config: AppConfig, name: string): Logger {
  return pino(pinoOptions(config, name));
}

export interface SupervisedOptions {
  name: string;
  spawn: () => ChildProcess;
  log: Logger;
  /** Whether a death is restarted (false before the product first came up: the start failed). */
  restarts: () => boolean;
  onStarted?: (child: ChildProcess) => void;
  /** A death that is not restarted. */
  onGaveUp?: (how: string) => void;
}

/**
 * One child process kept running: when it dies on its own it is started again after a backoff
 * (1 s, 2 s, 4 s … 30 s, back to 1 s once it ran for a minute), with one line in the log saying
 * which process, how it ended and when it comes back. The others are not touched.
 */
export class Supervised {
  child?: ChildProcess;
  private failures = 0;
  private startedAt = 0;
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(private readonly options: SupervisedOptions) {}

  start(): ChildProcess {
    const child = this.options.spawn();
    this.child = child;
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => this.exited(child, code, signal));
    this.options.onStarted?.(child);
    return child;
  }

  /** Stops it for good: no more restarts; `signal` to a running child, SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(force);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    const { name, log } = this.options;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!this.options.restarts()) return this.options.onGaveUp?.(how);
    if (Date.now() - this.startedAt >= STABLE_AFTER_MS) this.failures = 0;
    const delay = restartDelaySeconds(this.failures++);
    log.warn({ process: name, pid: child.pid, code, signal }, `${name} (pid ${child.pid}) ended with ${how}; restarting in ${delay} s`);
    this.timer = setTimeout(() => this.stopping || this.start(), delay * 1000);
  }
}

/**
 * DATA_DIR/pids.json: the launcher's children by name, rewritten on every (re)start, so that an
 * operator (or a test) can find the worker to inspect it. Removed on a clean stop.
 */
export class PidFile {
  private readonly pids: Record<string, number> = { launcher: process.pid };
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'pids.json');
  }

  set(name: string, pid: number | undefined): void {
    if (pid === undefined) return;
    this.pids[name] = pid;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.pids) + '\n');
    renameSync(`${this.file}.tmp`, this.file);
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }
}
