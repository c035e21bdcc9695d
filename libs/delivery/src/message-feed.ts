/**
 * Hands out items one at a time to several concurrent lanes, fetching the next batch while the
 * current one still has `prefetchAt` items left, so the lanes never stop at a batch's end.
 * `fetch` answers null when there is nothing more; after that, or after a failed fetch, `next()`
 * answers undefined once the items in hand are gone.
 */
export class MessageFeed<T> {
  private items: T[] = [];
  private index = 0;
  private upcoming: Promise<T[] | null> | null = null;
  private finished = false;

  constructor(
    private readonly fetch: () => Promise<T[] | null>,
    private readonly prefetchAt: number,
  ) {}

  async next(): Promise<T | undefined> {
    for (;;) {
      if (this.index < this.items.length) {
        if (this.items.length - this.index <= this.prefetchAt) this.prefetch();
        return this.items[this.index++];
      }
      if (this.finished) return undefined;
      this.prefetch();
      const upcoming = this.upcoming!;
      let batch: T[] | null;
      try {
        batch = await upcoming;
      } catch (error) {
        this.finished = true;
        throw error;
      }
      // Several lanes may wait for the same batch: the first one awake puts it in hand.
      if (this.upcoming !== upcoming) continue;
      this.upcoming = null;
      if (batch === null) this.finished = true;
      else [this.items, this.index] = [batch, 0];
    }
  }

  /** Resolves once no fetch is under way (whatever it answered): a drain ends only after its last claim. */
  async settled(): Promise<void> {
    await this.upcoming?.catch(() => undefined);
  }

  private prefetch(): void {
    if (this.upcoming || this.finished) return;
    this.upcoming = this.fetch();
    this.upcoming.catch(() => undefined); // the lane that awaits it sees the error
  }
}
