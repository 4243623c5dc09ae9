/**
 * A document as last read or written: its text, and the parsed document once the store has one
 * of its own (after a write, or a read whose copy went to the caller: then none until needed).
 */
export interface HeldDocument<T> {
  text: string;
  doc?: T;
}

/**
 * The most recently used documents, bounded by their total size: the oldest go first. `null`
 * records a document known to be absent (a conversation with no state yet), so asking again does
 * not touch the disk either. An entry with its parsed document counts three times its text (the
 * text, and about twice that for the object V8 holds): an estimate, so the bound stays a bound.
 * Entries are replaced, never changed in place, so the count stays true.
 */
export class RecentDocuments<T> {
  private readonly held = new Map<string, HeldDocument<T> | null>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  /** undefined: not held, ask the disk. */
  get(key: string): HeldDocument<T> | null | undefined {
    const entry = this.held.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: moving the key to the end makes it the most recent.
    this.held.delete(key);
    this.held.set(key, entry);
    return entry;
  }

  set(key: string, entry: HeldDocument<T> | null): void {
    this.forget(key);
    this.held.set(key, entry);
    this.size += charsOf(key, entry);
    for (const [oldest, old] of this.held) {
      if (this.size <= this.maxChars) break;
      this.held.delete(oldest);
      this.size -= charsOf(oldest, old);
    }
  }

  forget(key: string): void {
    const entry = this.held.get(key);
    if (entry === undefined) return;
    this.held.delete(key);
    this.size -= charsOf(key, entry);
  }
}

const charsOf = <T>(key: string, entry: HeldDocument<T> | null) =>
  key.length + (entry ? entry.text.length * (entry.doc === undefined ? 1 : 3) : 0);
