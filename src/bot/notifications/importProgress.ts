import type { ImportJobs } from '../../import/importJobs.js';
import { rowProblemText } from '../../import/importText.js';
import { localizer } from '../../i18n/localizer.js';
import type { Logger } from '../../log.js';
import type { ImportJob } from '../../storage/records/importJob.js';
import { importProgressCard, importSummaryCard } from '../cards/importCards.js';
import type { ConversationDirectory } from '../conversations.js';
import type { SlidingWindowLimiter } from './rateLimiter.js';
import type { NotificationSender } from './sender.js';

/**
 * Keeps an import's card up to date in the chat that started it: progress updated in place, at
 * most once per `minIntervalMs` and within Teams' per-conversation budget (the limiter the
 * notifier sends decisions through), then the summary. An import started in the tab sends its
 * summary, as a new message, to the user's personal chat. The conversation then follows every
 * customer it created. Updates are best effort: the job's record, and the tab, are the truth.
 */
export interface ImportProgressDeps {
  jobs: ImportJobs;
  conversations: ConversationDirectory;
  sender: NotificationSender;
  perConversation: SlidingWindowLimiter;
  log: Logger;
  minIntervalMs?: number;
  /** Where the tab shows a job, when the bot can link to it. */
  tabLink?: (jobId: string) => string | undefined;
}

const DEFAULT_MIN_INTERVAL_MS = 2_000;

const ended = (job: ImportJob): boolean => job.state === 'finished' || job.state === 'cancelled';

export class ImportProgress {
  /** The latest state of each job waiting for its card's next update. */
  private readonly latest = new Map<string, ImportJob>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastUpdate = new Map<string, number>();
  private readonly flushing = new Set<Promise<void>>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: ImportProgressDeps) {}

  start(): void {
    this.unsubscribe = this.deps.jobs.onProgress((job) => this.heard(job));
  }

  /** Stops listening; an update under way finishes. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.flushing);
  }

  private heard(job: ImportJob): void {
    // An import started from the tab has no card in the chat: the chat hears only its end.
    if (!job.conversationKey || (!job.progressActivityId && !ended(job))) return;
    this.latest.set(job.key, job);
    if (!this.timers.has(job.key)) this.schedule(job.key, this.waitFor(job));
  }

  private waitFor(job: ImportJob): number {
    const now = Date.now();
    const sinceLast = now - (this.lastUpdate.get(job.key) ?? 0);
    const interval = this.deps.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
    return Math.max(
      0,
      interval - sinceLast,
      this.deps.perConversation.wait(job.conversationKey ?? '', now),
    );
  }

  private schedule(key: string, waitMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(key);
      const flush = this.flush(key).finally(() => this.flushing.delete(flush));
      this.flushing.add(flush);
    }, waitMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  private async flush(key: string): Promise<void> {
    const job = this.latest.get(key);
    if (!job?.conversationKey) return;
    // The budget may have been spent meanwhile by other messages to the chat.
    const wait = this.waitFor(job);
    if (wait > 0) {
      this.schedule(key, wait);
      return;
    }
    this.latest.delete(key);
    try {
      await this.update(job, job.conversationKey);
    } catch (error) {
      this.deps.log.warn('import progress not shown', { jobId: job.jobId, error: String(error) });
    }
    if (ended(job)) this.lastUpdate.delete(key);
  }

  private async update(job: ImportJob, conversationKey: string) {
    const conversation = await this.deps.conversations.get(conversationKey);
    if (!conversation?.active) return;
    const i18n = localizer({ locale: job.locale }).markdown;
    let card = importProgressCard(i18n, job);
    let created: string[] = [];
    if (ended(job)) {
      const rows = await this.deps.jobs.rowsOf(job.jobId);
      const failures = rows
        .filter((row) => row.state === 'failed')
        .map((row) => ({ line: row.line, text: rowProblemText(i18n, row) }));
      created = rows.flatMap((row) =>
        row.state === 'created' && row.customerId ? [row.customerId] : [],
      );
      card = importSummaryCard(i18n, job, failures, this.deps.tabLink?.(job.jobId));
    }
    // Followed before the summary says so.
    if (created.length > 0) await this.deps.conversations.followEach(conversationKey, created);
    const stamp = this.deps.perConversation.record(conversationKey, Date.now());
    this.lastUpdate.set(job.key, Date.now());
    if (job.progressActivityId)
      await this.deps.sender.update(conversation.reference, job.progressActivityId, card);
    else await this.deps.sender.send(conversation.reference, card);
    this.deps.perConversation.finished(stamp, Date.now());
  }
}
