/**
 * When each customer is next due, ordered by time: the poller takes the earliest few and sleeps
 * until the next, in O(log n) each, not a scan of every customer in review per tick (at 10,000
 * customers the scan was most of the poller's CPU). A binary heap with lazy deletion: the map is
 * the truth, a heap entry that no longer matches it is skipped when it surfaces.
 */
export class DueQueue {
  private readonly dueAt = new Map<string, number>();
  private readonly heap: [at: number, id: string][] = [];

  get size(): number {
    return this.dueAt.size;
  }

  set(id: string, at: number): void {
    this.dueAt.set(id, at);
    this.push([at, id]);
  }

  delete(id: string): void {
    this.dueAt.delete(id);
  }

  /** Up to `limit` ids due at `now` or before, earliest first, each taken off the queue. */
  takeDue(now: number, limit: number): string[] {
    const taken: string[] = [];
    while (taken.length < limit) {
      const top = this.liveTop();
      if (!top || top[0] > now) break;
      this.pop();
      this.dueAt.delete(top[1]);
      taken.push(top[1]);
    }
    return taken;
  }

  /** When the earliest is due (Infinity when none is). */
  nextAt(): number {
    return this.liveTop()?.[0] ?? Infinity;
  }

  /** The earliest entry that still matches the map; stale ones are dropped on the way. */
  private liveTop(): [number, string] | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top || this.dueAt.get(top[1]) === top[0]) return top;
      this.pop();
    }
  }

  private push(entry: [number, string]): void {
    this.heap.push(entry);
    for (let i = this.heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.earlier(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private pop(): void {
    const last = this.heap.pop();
    if (!last || this.heap.length === 0) return;
    this.heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      let least = i;
      if (this.earlier(left, least)) least = left;
      if (this.earlier(left + 1, least)) least = left + 1;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  /** Whether entry i is due before entry j (false when either is past the end). */
  private earlier(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    return a !== undefined && b !== undefined && a[0] < b[0];
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i];
    const b = this.heap[j];
    if (a === undefined || b === undefined) return;
    this.heap[i] = b;
    this.heap[j] = a;
  }
}
