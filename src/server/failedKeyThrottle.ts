/**
 * Wrong operator keys, counted per client address: after `maxFailures` within `windowMs` that
 * address is refused (429) until the oldest failure leaves the window, so a key cannot be
 * guessed at network speed. A right key never clears another address's count.
 */

export interface FailedKeyThrottleSettings {
  maxFailures: number;
  windowMs: number;
  /** Addresses remembered at most; the oldest goes first. */
  maxAddresses: number;
}

const DEFAULTS: FailedKeyThrottleSettings = {
  maxFailures: 5,
  windowMs: 60_000,
  maxAddresses: 10_000,
};

export class FailedKeyThrottle {
  private readonly settings: FailedKeyThrottleSettings;
  /** address → times of its recent failures (ms, oldest first). */
  private readonly failures = new Map<string, number[]>();

  constructor(
    settings: Partial<FailedKeyThrottleSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...DEFAULTS, ...settings };
  }

  private recent(address: string, at: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((t) => at - t < this.settings.windowMs);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }

  /** Milliseconds this address must wait before it may try a key again; 0 when it may now. */
  waitMs(address: string): number {
    const at = this.now();
    const recent = this.recent(address, at);
    const oldest = recent[0];
    if (recent.length < this.settings.maxFailures || oldest === undefined) return 0;
    return Math.max(1, oldest + this.settings.windowMs - at);
  }

  /** Records a wrong key; returns how many this address has in the window. */
  recordFailure(address: string): number {
    const at = this.now();
    const recent = [...this.recent(address, at), at];
    this.failures.delete(address);
    this.failures.set(address, recent);
    for (const address of this.failures.keys()) {
      if (this.failures.size <= this.settings.maxAddresses) break;
      this.failures.delete(address); // the oldest first: a Map keeps insertion order
    }
    return recent.length;
  }

  get limit(): number {
    return this.settings.maxFailures;
  }
}
