import { PartnerCenterError } from './partnerCenterError.js';

/**
 * Keeps one partner's calls under Partner Center's throttling, whose numbers are not published:
 * at most `concurrency` calls in flight and `perSecond` started a second, whoever asks (the
 * poller, a burst of users). A caller waits its turn in order; one that would wait longer than
 * `maxWaitMs`, or find `maxQueued` already waiting, is refused at once (`unavailable`).
 */
export interface CallLimits {
  concurrency: number;
  perSecond: number;
  maxQueued: number;
  maxWaitMs: number;
}

export class CallLimiter {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** When the next call may start, by the rate. */
  private nextStartAt = 0;

  constructor(
    private readonly limits: CallLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `call` when a slot and the rate allow. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await call();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    const askedAt = this.now();
    if (this.inFlight >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.maxQueued)
        throw new PartnerCenterError('unavailable', 'too many Partner Center calls waiting');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.inFlight++;
    const startAt = Math.max(this.now(), this.nextStartAt);
    if (startAt - askedAt > this.limits.maxWaitMs) {
      this.release();
      throw new PartnerCenterError('unavailable', 'Partner Center calls are queued too long');
    }
    this.nextStartAt = startAt + 1000 / this.limits.perSecond;
    const wait = startAt - this.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next caller in line.
    if (next) next();
    else this.inFlight--;
  }
}
