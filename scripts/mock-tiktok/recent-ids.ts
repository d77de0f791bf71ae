/**
 * Per-event_id bookkeeping with a memory bound: a long `npm start` must not keep every id it ever
 * saw. Past `limit` ids the oldest (first seen) is forgotten, so a repeat of a forgotten id counts
 * as new again; below the limit every answer is exact.
 */
export const DEFAULT_MAX_TRACKED_EVENT_IDS = 200_000;

export class RecentIds<V> {
  private readonly entries = new Map<string, V>();
  /** Ids dropped to stay within the limit since the last reset. */
  forgotten = 0;

  constructor(readonly limit: number) {}

  get(id: string): V | undefined {
    return this.entries.get(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Updating a known id keeps its place: age is counted from the first sighting. */
  set(id: string, value: V): void {
    const known = this.entries.has(id);
    this.entries.set(id, value);
    if (known) return;
    while (this.entries.size > this.limit) {
      // A Map iterates in insertion order, so its first key is the oldest.
      this.entries.delete(this.entries.keys().next().value as string);
      this.forgotten++;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Appends, keeping only the last `limit` items; trims in batches so a push stays O(1) amortised. */
export class RecentList<T> {
  private items: T[] = [];

  constructor(readonly limit: number) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.limit + Math.max(1, Math.ceil(this.limit / 4))) this.items = this.items.slice(-this.limit);
  }

  toArray(): T[] {
    return this.items.length > this.limit ? this.items.slice(-this.limit) : [...this.items];
  }
}

/** Why `limit` is not a usable bound, or undefined. */
export function checkIdLimit(limit: unknown): string | undefined {
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) return undefined;
  return `maxTrackedEventIds must be a whole number of at least 1 (got ${JSON.stringify(limit)}); the default is ${DEFAULT_MAX_TRACKED_EVENT_IDS}`;
}
