import type { DeliveryLog, Outcome } from './delivery-log';

const FLUSH_EVERY = 100;
const FLUSH_AFTER_MS = 1000;

/**
 * Collects outcomes and writes them back in chunks (every 100, or a second after the first one
 * waiting), one statement each, one chunk at a time. A crash then re-sends at most the mails in
 * flight and the last unwritten chunk.
 */
export class OutcomeWriter {
  private buffer: Outcome[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly log: DeliveryLog,
    private readonly written: (outcomes: Outcome[]) => void,
  ) {}

  add(outcome: Outcome): void {
    this.buffer.push(outcome);
    if (this.buffer.length >= FLUSH_EVERY) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes what is left; throws if any chunk could not be written. */
  async close(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await this.log.record(chunk);
        this.written(chunk);
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
