/** At most `limit` sends per `windowMs`. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/**
 * Sliding-window limits per key (a conversation, a tenant). `wait` says how long until one more
 * send fits every rule; `record` counts a send.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly rules: readonly RateRule[]) {
    this.longest = Math.max(...rules.map((r) => r.windowMs));
  }

  wait(key: string, now: number): number {
    const times = this.prune(key, now);
    let wait = 0;
    for (const rule of this.rules) {
      const inWindow = times.filter((t) => t > now - rule.windowMs);
      if (inWindow.length >= rule.limit) wait = Math.max(wait, inWindow[inWindow.length - rule.limit]! + rule.windowMs - now);
    }
    return wait;
  }

  record(key: string, now: number): void {
    this.prune(key, now).push(now);
  }

  private prune(key: string, now: number): number[] {
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - this.longest);
    this.sent.set(key, times);
    return times;
  }
}

/** Teams' documented limits for proactive messages. */
export const TEAMS_PER_CONVERSATION: readonly RateRule[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
];
export const TEAMS_PER_TENANT: readonly RateRule[] = [{ limit: 30, windowMs: 1_000 }];
