/**
 * The most recently used documents' texts, bounded by their total size: the oldest go first.
 * `null` records a document known to be absent (a conversation with no state yet), so asking
 * again does not touch the disk either.
 */
export class RecentTexts {
  private readonly texts = new Map<string, string | null>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  /** undefined: not held, ask the disk. */
  get(key: string): string | null | undefined {
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    // Map keeps insertion order: moving the key to the end makes it the most recent.
    this.texts.delete(key);
    this.texts.set(key, text);
    return text;
  }

  set(key: string, text: string | null): void {
    this.forget(key);
    this.texts.set(key, text);
    this.size += charsOf(key, text);
    for (const [oldest, old] of this.texts) {
      if (this.size <= this.maxChars) break;
      this.texts.delete(oldest);
      this.size -= charsOf(oldest, old);
    }
  }

  forget(key: string): void {
    const text = this.texts.get(key);
    if (text === undefined) return;
    this.texts.delete(key);
    this.size -= charsOf(key, text);
  }
}

const charsOf = (key: string, text: string | null) => key.length + (text?.length ?? 0);
