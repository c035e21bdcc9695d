import { setImmediate as nextTurn } from 'node:timers/promises';

/** Rows handled between two turns of the event loop: about a millisecond or a few of work. */
export const ROWS_PER_TURN = 200;

/**
 * Runs `work` on each item and lets the event loop turn every `every` items (setImmediate runs
 * after the I/O that is waiting), so that a 700,000-row import never holds other requests for
 * more than a few milliseconds. Counted in items, not milliseconds, so it behaves the same on
 * every machine.
 */
export async function eachInTurns<T>(items: Iterable<T>, work: (item: T) => void, every = ROWS_PER_TURN): Promise<void> {
  let count = 0;
  for (const item of items) {
    work(item);
    if (++count % every === 0) await nextTurn();
  }
}

/** `eachInTurns` collecting what `work` answers. */
export async function mapInTurns<T, R>(items: Iterable<T>, work: (item: T) => R, every = ROWS_PER_TURN): Promise<R[]> {
  const results: R[] = [];
  await eachInTurns(items, (item) => results.push(work(item)), every);
  return results;
}

export { nextTurn };
