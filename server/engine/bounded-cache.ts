// A Map that stops growing at a limit: results built once per scheme version and reused, bounded for odd input.

/**
 * Values keyed by what they are built from, kept until `limit` entries; past it new values are still returned but not
 * kept. Use as `cache.get(key) ?? cache.keep(key, build())`: no closure on the hot path.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Keeps `value` under `key` if there is room, and returns it. */
  keep(key: K, value: V): V {
    if (this.map.size < this.limit) this.map.set(key, value);
    return value;
  }
}
