import type { DeliveryLog, Outcome } from './delivery-log';

interface Waiting {
  outcomes: Outcome[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes outcomes back as soon as they come, one statement at a time: what arrives while a
 * statement runs goes together in the next one (a group commit), so a busy drain writes few
 * statements and a quiet one waits for none. `write()` resolves once its outcomes are in the
 * log; a lane that awaits it before taking the next mail leaves at most its own mail unmarked,
 * so a crash repeats at most the mails in flight. After a failed write every write fails, and
 * the outcomes not written are kept (`unwritten`) for the drain to write once the database is back.
 */
export class OutcomeWriter {
  private waiting: Waiting[] = [];
  private busy = false;
  private failure: { error: unknown } | undefined;
  private readonly kept: Outcome[] = [];

  constructor(
    private readonly log: DeliveryLog,
    private readonly written: (outcomes: Outcome[]) => void,
  ) {}

  /** True once a write failed: the drain should stop sending what it cannot mark. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Outcomes of failed writes: whether they reached the log is unknown, and writing one again changes nothing. */
  get unwritten(): Outcome[] {
    return [...this.kept];
  }

  write(outcomes: Outcome[]): Promise<void> {
    if (this.failure) {
      this.kept.push(...outcomes);
      return Promise.reject(this.failure.error);
    }
    if (outcomes.length === 0) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ outcomes, resolve, reject }));
    void this.pump();
    return done;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      const outcomes = group.flatMap((waiting) => waiting.outcomes);
      try {
        if (this.failure) throw this.failure.error;
        await this.log.record(outcomes);
        this.written(outcomes);
        for (const waiting of group) waiting.resolve();
      } catch (error) {
        this.failure ??= { error };
        this.kept.push(...outcomes);
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.busy = false;
  }
}
