/**
 * A small in-process cache for reads, keyed by the caller and the URL, valid only while the
 * store's change marker is unchanged. Every write moves the marker (the command runner counts
 * this process's writes; SQLite's data_version or the newest audit sequence catches everyone
 * else's), so a cached answer is never older than the last committed write. Answers are per
 * user, because visibility and abilities are.
 */
export class MarkerCache<V> {
  private readonly map = new Map<string, { marker: string; value: V; tick: number }>();
  private readonly max: number;
  /** Counts insertions and moves; an entry placed within the newest half is left where it is. */
  private tick = 0;

  constructor(max: number) {
    this.max = max;
  }

  get(key: string, marker: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.marker !== marker) {
      this.map.delete(key);
      return undefined;
    }
    // Refresh recency: Map keeps insertion order, so re-inserting makes this the newest. An entry
    // already among the newest half is not moved (a hot key would otherwise be deleted and
    // re-inserted on every hit, which costs more than the rest of the lookup).
    if (this.tick - e.tick > this.max / 2) {
      this.map.delete(key);
      e.tick = ++this.tick;
      this.map.set(key, e);
    }
    return e.value;
  }

  set(key: string, marker: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, { marker, value, tick: ++this.tick });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
  }
}
