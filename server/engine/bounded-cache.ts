// A Map that stops growing at a limit: results built once per scheme version and reused, bounded for odd input.

/**
 * Values keyed by what they are built from, kept until `limit` entries; past it new values are still returned but not
 * kept. Use as `cache.get(key) ?? cache.keep(key, build())`: no closure on the hot path.
 *
 * A compiled version holds hundreds of these (one per row's reasons, per wording) and most keep one entry: the first
 * entry is held in two fields, and a Map (a few hundred bytes even when nearly empty) only made for a second key.
 */
export class BoundedCache<K, V> {
  private firstKey: K | undefined;
  private firstValue: V | undefined;
  private map: Map<K, V> | null = null;

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    if (this.firstValue !== undefined && this.firstKey === key) return this.firstValue;
    return this.map?.get(key);
  }

  /** Keeps `value` under `key` if there is room, and returns it. */
  keep(key: K, value: V): V {
    if (value === undefined || this.limit < 1) return value;
    if (this.firstValue === undefined) {
      this.firstKey = key;
      this.firstValue = value;
    } else if (this.firstKey !== key) {
      const map = (this.map ??= new Map());
      if (map.size + 1 < this.limit) map.set(key, value);
    }
    return value;
  }
}
