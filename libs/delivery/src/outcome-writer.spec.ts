import type { DeliveryLog, Outcome } from './delivery-log';
import { OutcomeWriter } from './outcome-writer';

const sent = (id: string): Outcome => ({ id, status: 'sent', providerMessageId: `<${id}@example.com>` });

/** A log whose statements finish when the test says so. */
function slowLog() {
  const statements: Array<{ ids: string[]; finish: (error?: Error) => void }> = [];
  const log = {
    record: (outcomes: Outcome[]) =>
      new Promise<void>((resolve, reject) => statements.push({ ids: outcomes.map((o) => o.id), finish: (error) => (error ? reject(error) : resolve()) })),
  } as unknown as DeliveryLog;
  return { log, statements };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe(OutcomeWriter.name, () => {
  it('writes at once, resolves each write only once its outcome is in the log, and groups what arrives meanwhile', async () => {
    const { log, statements } = slowLog();
    const written: string[] = [];
    const writer = new OutcomeWriter(log, (outcomes) => written.push(...outcomes.map((o) => o.id)));
    const first = writer.write([sent('a')]);
    const second = writer.write([sent('b')]);
    const third = writer.write([sent('c')]);
    expect(statements.map((s) => s.ids)).toEqual([['a']]);
    expect(await settled(first)).toBe(false);
    statements[0].finish();
    await first;
    expect(await settled(second)).toBe(false);
    expect(statements.map((s) => s.ids)).toEqual([['a'], ['b', 'c']]);
    statements[1].finish();
    await Promise.all([second, third]);
    expect(written).toEqual(['a', 'b', 'c']);
  });

  it('fails every write after one failed, so the drain stops sending what it cannot mark, and keeps what it could not write', async () => {
    const { log, statements } = slowLog();
    const writer = new OutcomeWriter(log, () => undefined);
    const first = writer.write([sent('a')]);
    const second = writer.write([sent('b')]);
    statements[0].finish(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await expect(second).rejects.toThrow('database gone');
    expect(writer.failed).toBe(true);
    await expect(writer.write([sent('c')])).rejects.toThrow('database gone');
    expect(statements).toHaveLength(1);
    expect(writer.unwritten.map((outcome) => outcome.id).sort()).toEqual(['a', 'b', 'c']); // for the next drain to write
  });
});
