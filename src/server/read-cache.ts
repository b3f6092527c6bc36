import { LRUCache } from 'lru-cache';

export interface MarkerCacheOptions<V> {
  /** At most this many entries. */
  max?: number;
  /** At most this many bytes, as `sizeOf` counts them (needs `sizeOf`). */
  maxBytes?: number;
  /** The bytes an entry takes (its key is counted by the cache). */
  sizeOf?: (value: V) => number;
}

/** Bytes a JavaScript string may take: two per UTF-16 unit (V8 stores ASCII in one; this is the bound). */
export const stringBytes = (s: string) => s.length * 2;

/** Bookkeeping per entry beside its key and value (the LRU's slots, the marker, the wrapper). */
const ENTRY_OVERHEAD = 200;

/**
 * A small in-process cache for reads, keyed by the caller and the URL, valid only while the
 * store's change marker is unchanged. Every write moves the marker (the command runner counts
 * this process's writes; SQLite's data_version or the newest audit sequence catches everyone
 * else's), so a cached answer is never older than the last committed write. Answers are per
 * user, because visibility and abilities are.
 *
 * Bounded by entry count or by bytes (least recently used first out; lru-cache): the read cache
 * holds whole response bodies, so a count alone lets a few hundred large answers take gigabytes.
 */
export class MarkerCache<V> {
  private readonly lru: LRUCache<string, { marker: string; value: V }>;

  constructor(opts: number | MarkerCacheOptions<V>) {
    const o = typeof opts === 'number' ? { max: opts } : opts;
    if (o.maxBytes !== undefined) {
      const sizeOf = o.sizeOf;
      if (!sizeOf) throw new Error('MarkerCache: maxBytes needs sizeOf');
      this.lru = new LRUCache({
        max: o.max,
        maxSize: o.maxBytes,
        sizeCalculation: (e, key) => Math.max(1, stringBytes(key) + stringBytes(e.marker) + sizeOf(e.value) + ENTRY_OVERHEAD),
      });
    } else {
      this.lru = new LRUCache({ max: o.max ?? 1000 });
    }
  }

  get(key: string, marker: string): V | undefined {
    const e = this.lru.get(key);
    if (!e) return undefined;
    if (e.marker !== marker) {
      this.lru.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, marker: string, value: V): void {
    this.lru.set(key, { marker, value });
  }

  clear(): void {
    this.lru.clear();
  }

  /** Entries held now. */
  get size(): number {
    return this.lru.size;
  }

  /** Bytes held now, as counted (0 when bounded by count only). */
  get bytes(): number {
    return this.lru.calculatedSize ?? 0;
  }
}
