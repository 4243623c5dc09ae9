const SWEEP_EVERY = 256;

/** At most `limit` sends per `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** A send in a window: stamped when it starts, and again when it has finished. */
export interface SendStamp {
  at: number;
}

/**
 * Sliding-window limits per key (a conversation, a tenant). `wait` says how long until one more
 * send fits every rule; `record` counts a send. A finished send is stamped with its completion
 * time: the receiver saw it at or before then, so the next `limit` sends start at least a
 * window after the receiver saw this one, however long each send took.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, SendStamp[]>();
  private readonly longest: number;
  private recordsSinceSweep = 0;

  constructor(private readonly rules: readonly RateRule[]) {
    this.longest = Math.max(...rules.map((r) => r.windowMs));
  }

  wait(key: string, now: number): number {
    const times = this.prune(key, now)
      .map((s) => s.at)
      .sort((a, b) => a - b);
    let wait = 0;
    for (const rule of this.rules) {
      const inWindow = times.filter((t) => t > now - rule.windowMs);
      if (inWindow.length >= rule.limit)
        wait = Math.max(
          wait,
          (inWindow[inWindow.length - rule.limit] ?? now) + rule.windowMs - now,
        );
    }
    return wait;
  }

  /** Counts a send starting now; move its stamp to its completion with `finished`. */
  record(key: string, now: number): SendStamp {
    const stamp = { at: now };
    const stamps = this.prune(key, now);
    stamps.push(stamp);
    this.sent.set(key, stamps);
    // Keys idle for a whole window are forgotten: the map holds only recent senders.
    if (++this.recordsSinceSweep >= SWEEP_EVERY) {
      this.recordsSinceSweep = 0;
      for (const idle of [...this.sent.keys()]) this.prune(idle, now);
    }
    return stamp;
  }

  finished(stamp: SendStamp, now: number): void {
    stamp.at = Math.max(stamp.at, now);
  }

  private prune(key: string, now: number): SendStamp[] {
    const stamps = (this.sent.get(key) ?? []).filter((s) => s.at > now - this.longest);
    if (stamps.length === 0) this.sent.delete(key);
    else this.sent.set(key, stamps);
    return stamps;
  }

  /** Keys with a send in the longest window. */
  get trackedKeys(): number {
    return this.sent.size;
  }
}

/** Teams' documented limits for proactive messages. */
export const TEAMS_PER_CONVERSATION: readonly RateRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
];
export const TEAMS_PER_TENANT: readonly RateRule[] = [{ limit: 30, windowMs: 1_000 }];
