import type { Clock } from '../domain/clock.js';
import type { ActorRef, CustomerRecord, PollSchedule } from '../domain/customer.js';
import { fail, ok } from '../domain/result.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import { DueQueue } from './dueQueue.js';
import type { DecisionEvents, VettingWorkflow } from './educationCustomers.js';
import type {
  GatewayRefusal,
  QualificationGateway,
  RemoteReading,
} from './qualificationGateway.js';
import type { Result } from '../domain/result.js';

/**
 * Hears Microsoft's decisions in api mode. Partner Center has no event for them, so each customer
 * in review is read on a schedule: first after `firstSeconds`, then twice as long after each read
 * that found no change, up to `maxSeconds`, with ±10% jitter so reads spread out. A decision
 * becomes the service's own decision (the notifier delivers it as any other), and the customer
 * leaves the schedule; a resubmission puts it back at the start. The schedule is kept with each
 * customer, so a restart goes on where it was. A status asked by a user reads at once; reads of
 * one customer at the same moment make one call.
 */

/** The poller's one timer; a benchmark gives one that runs a simulated week in seconds. */
export interface PollTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: PollTimers = {
  // Unref'd: a pending read never keeps the process alive on its own.
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PollSettings {
  firstSeconds: number;
  maxSeconds: number;
  /** At most this many reads started per tick (the client's limiter spaces them further). */
  batch: number;
}

/** Who decided, as the history shows it: Microsoft, through Partner Center. */
export const PARTNER_CENTER_REVIEWER: ActorRef = {
  kind: 'reviewer',
  id: 'partner-center',
  name: 'Microsoft',
};

/** The longest the poller sleeps between two looks at its schedule. */
const MAX_TICK_MS = 60_000;
/** How long a claimed read is held: an instance that dies meanwhile leaves it to another after this. */
const CLAIM_SECONDS = 120;

export class QualificationPoller {
  /** When each customer is next read (ms). */
  private readonly due = new DueQueue();
  private readonly reading = new Map<string, Promise<Result<void, GatewayRefusal>>>();
  private timer: unknown;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      store: CustomerStore;
      gateway: QualificationGateway;
      vetting: VettingWorkflow;
      events: DecisionEvents;
      now: Clock;
      log: Logger;
      settings: PollSettings;
      random?: () => number;
      timers?: PollTimers;
    },
  ) {
    this.timers = deps.timers ?? realTimers;
  }

  private readonly timers: PollTimers;

  /** Loads the schedule of every customer in review, and starts reading. */
  async start(): Promise<void> {
    this.stopped = false;
    for await (const record of this.deps.store.scan()) {
      if (record.qualification.vettingStatus !== 'InReview') continue;
      const next = record.pollSchedule ? Date.parse(record.pollSchedule.nextReadAt) : NaN;
      this.due.set(record.id, Number.isNaN(next) ? this.firstReadAt() : next);
    }
    this.unsubscribe = this.deps.events.onStatusChange((event) => {
      if (event.to === 'InReview') this.due.set(event.customer.id, this.firstReadAt());
      else this.due.delete(event.customer.id);
      this.wake();
    });
    this.deps.log.info('Partner Center poller started', { inReview: this.due.size });
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) this.timers.clear(this.timer);
    await this.ticking;
    await Promise.all(this.reading.values());
  }

  /** How many customers are on the schedule. */
  get scheduled(): number {
    return this.due.size;
  }

  /**
   * Reads one customer's qualification now (a status asked by a user, a card's refresh), and
   * applies what it finds. Concurrent reads of one customer share one call.
   */
  read(customerId: string): Promise<Result<void, GatewayRefusal>> {
    const under = this.reading.get(customerId);
    if (under) return under;
    const reading = this.readAndApply(customerId).finally(() => this.reading.delete(customerId));
    this.reading.set(customerId, reading);
    return reading;
  }

  private async readAndApply(customerId: string): Promise<Result<void, GatewayRefusal>> {
    const read = await this.deps.gateway.readQualification(customerId);
    const record = await this.deps.store.get(customerId);
    if (!record) return ok(undefined);
    const local = record.qualification.vettingStatus;
    const remote = read.ok ? read.value : undefined;
    const decided =
      local === 'InReview' &&
      (remote?.vettingStatus === 'Approved' || remote?.vettingStatus === 'Denied');
    if (decided) {
      const outcome =
        remote.vettingStatus === 'Approved'
          ? ({ status: 'Approved' } as const)
          : ({
              status: 'Denied',
              reason: remote.vettingReason?.trim() || 'Not an Education Customer',
            } as const);
      const result = await this.deps.vetting.decide(PARTNER_CENTER_REVIEWER, customerId, outcome);
      if (!result.ok)
        this.deps.log.warn('a Partner Center decision was not applied', {
          customerId,
          code: result.error.code,
        });
      this.due.delete(customerId);
      return ok(undefined);
    }
    if (local === 'InReview') await this.reschedule(record, remote);
    return read.ok ? ok(undefined) : read;
  }

  /** The next read: twice the last interval after a read that changed nothing; as it was after a failure. */
  private async reschedule(
    record: CustomerRecord,
    reading: RemoteReading | undefined,
  ): Promise<void> {
    const readOk = reading !== undefined;
    const { firstSeconds, maxSeconds } = this.deps.settings;
    // The wait that led to this read: the first one until a read has been made (a claim alone
    // does not count); the next wait is twice as long.
    const last = record.pollSchedule?.lastReadAt
      ? record.pollSchedule.intervalSeconds
      : firstSeconds;
    const intervalSeconds = Math.min(maxSeconds, last * 2);
    const now = this.deps.now();
    const jitter = 0.9 + 0.2 * (this.deps.random ?? Math.random)();
    const nextAt = now.getTime() + intervalSeconds * 1000 * jitter;
    // After a failed read, what the last good read saw stays.
    const seen = readOk
      ? { lastReadAt: now.toISOString(), unknownStatus: reading.unknownStatus }
      : {
          lastReadAt: record.pollSchedule?.lastReadAt,
          unknownStatus: record.pollSchedule?.unknownStatus,
        };
    const schedule: PollSchedule = {
      nextReadAt: new Date(nextAt).toISOString(),
      intervalSeconds: readOk ? intervalSeconds : last,
      ...(seen.lastReadAt ? { lastReadAt: seen.lastReadAt } : {}),
      ...(seen.unknownStatus ? { unknownStatus: seen.unknownStatus } : {}),
    };
    // The schedule is not a change of the customer: its last-change time stays.
    await this.deps.store.update(record.id, (current) =>
      ok({ ...current, pollSchedule: schedule }),
    );
    this.due.set(record.id, nextAt);
  }

  private firstReadAt(): number {
    return this.deps.now().getTime() + this.deps.settings.firstSeconds * 1000;
  }

  /** Looks at the schedule now, and sleeps until the next read is due. */
  private wake(): void {
    if (this.stopped) return;
    if (this.timer) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, 0);
  }

  /**
   * Several instances share the store (Azure): a scheduled read is claimed first, by moving the
   * kept schedule on in one guarded write. The instance whose claim lands reads; the others find
   * the schedule moved and take it as theirs to follow, so each read is made once.
   */
  private async claim(customerId: string): Promise<boolean> {
    const now = this.deps.now();
    const claimed = await this.deps.store.update<'notDue'>(customerId, (current) => {
      const schedule = current.pollSchedule;
      const dueAt = schedule ? Date.parse(schedule.nextReadAt) : now.getTime();
      if (current.qualification.vettingStatus !== 'InReview' || dueAt > now.getTime())
        return fail('notDue');
      const intervalSeconds = schedule?.intervalSeconds ?? this.deps.settings.firstSeconds;
      const leased = new Date(now.getTime() + CLAIM_SECONDS * 1000).toISOString();
      return ok({ ...current, pollSchedule: { ...schedule, intervalSeconds, nextReadAt: leased } });
    });
    if (claimed.ok) return true;
    // Someone else read it (or it was decided): follow the schedule as it is now kept.
    const record = await this.deps.store.get(customerId);
    const next = record?.pollSchedule ? Date.parse(record.pollSchedule.nextReadAt) : NaN;
    // A read in progress elsewhere looks like a schedule CLAIM_SECONDS away: look again within the
    // first interval, by when that read has kept the schedule to follow.
    if (record?.qualification.vettingStatus === 'InReview' && !Number.isNaN(next))
      this.due.set(
        customerId,
        Math.min(next, now.getTime() + this.deps.settings.firstSeconds * 1000),
      );
    else this.due.delete(customerId);
    return false;
  }

  private async claimAndRead(customerId: string): Promise<void> {
    if (await this.claim(customerId)) await this.read(customerId);
  }

  private async tick(): Promise<void> {
    const now = this.deps.now().getTime();
    // Taken off the queue: each path of a read puts the customer back on it, or leaves it off.
    const dueNow = this.due.takeDue(now, this.deps.settings.batch);
    const reads = await Promise.allSettled(dueNow.map((id) => this.claimAndRead(id)));
    reads.forEach((read, i) => {
      const id = dueNow[i];
      if (read.status === 'fulfilled' || id === undefined) return;
      this.deps.log.error('a scheduled Partner Center read failed', { error: read.reason });
      this.due.set(id, this.firstReadAt());
    });
    if (this.stopped) return;
    const next = this.due.nextAt();
    const wait = Math.max(0, Math.min(MAX_TICK_MS, next - this.deps.now().getTime()));
    this.timer = this.timers.set(() => {
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, wait);
  }
}
