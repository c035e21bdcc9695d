import { MessageFeed } from './message-feed';

describe(MessageFeed.name, () => {
  it('hands every item to exactly one of several lanes, fetching one batch ahead', async () => {
    const batches = [[1, 2, 3], [], [4, 5], [6]];
    const fetched: number[] = [];
    const feed = new MessageFeed(async () => {
      fetched.push(batches.length);
      return batches.shift() ?? null;
    }, 1);
    const taken: number[] = [];
    const lane = async () => {
      for (let item = await feed.next(); item !== undefined; item = await feed.next()) {
        taken.push(item);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([lane(), lane(), lane()]);
    expect(taken.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fetched).toEqual([4, 3, 2, 1, 0]);
    expect(await feed.next()).toBeUndefined();
  });

  it('stops handing out new batches after a failed fetch, and every waiting lane sees the error', async () => {
    let calls = 0;
    const feed = new MessageFeed<number>(async () => {
      calls += 1;
      if (calls === 2) throw new Error('database gone');
      return [calls];
    }, 0);
    expect(await feed.next()).toBe(1);
    await expect(Promise.all([feed.next(), feed.next()])).rejects.toThrow('database gone');
    expect(await feed.next()).toBeUndefined();
    expect(calls).toBe(2);
  });
});
