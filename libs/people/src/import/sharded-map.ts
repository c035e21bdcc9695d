/** Sub-maps of a ShardedMap: a 100,000-key map grows 3,000 keys at a time. */
const SHARDS = 32;

/**
 * A Map of string keys split over SHARDS smaller Maps. A JavaScript Map grows by copying its whole
 * table at once: at 65,536 keys that copy holds the event loop for 15–30 ms (two maps growing in
 * the same turn: over 50 ms), and an import builds several maps of one key per row. Split, each
 * growth copies a thirty-second of that. Iteration goes shard by shard, not in insertion order.
 */
export class ShardedMap<V> {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<string, V>());

  get size(): number {
    return this.shards.reduce((total, shard) => total + shard.size, 0);
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)].get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)].has(key);
  }

  set(key: string, value: V): this {
    this.shards[shardOf(key)].set(key, value);
    return this;
  }

  *values(): Generator<V> {
    for (const shard of this.shards) yield* shard.values();
  }
}

/** A Set of strings split the same way (see ShardedMap). */
export class ShardedSet {
  private readonly map = new ShardedMap<true>();

  has(key: string): boolean {
    return this.map.has(key);
  }

  add(key: string): this {
    this.map.set(key, true);
    return this;
  }
}

// FNV-1a over the UTF-16 code units: cheap, and spreads ids and addresses that differ only in a few characters.
function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % SHARDS;
}
