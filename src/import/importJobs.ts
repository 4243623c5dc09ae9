import type { Clock } from '../domain/clock.js';
import { withCulture } from '../domain/customerInput.js';
import { fail, ok, type Result } from '../domain/result.js';
import {
  authorize,
  PARTNER_ROLES,
  PARTNER_TYPES,
  type AuthorizationRefusal,
  type PartnerUser,
} from '../domain/roles.js';
import { localizer } from '../i18n/localizer.js';
import type { Logger } from '../log.js';
import type {
  PartnerCustomers,
  ServiceError,
  VettingWorkflow,
} from '../service/educationCustomers.js';
import { customerMadeEarlier, resubmittedEarlier } from '../service/repeatedSubmission.js';
import type { DocumentStore } from '../storage/ports/documentStore.js';
import {
  importJobKey,
  importRowKey,
  type ImportJob,
  type ImportRow,
} from '../storage/records/importJob.js';
import { isoDate } from './cells.js';
import type { CheckedRow } from './checkImport.js';
import type { Spreadsheet } from './readSpreadsheet.js';

/**
 * Imports as durable jobs: a checked file is kept (its rows first, then the job), started once
 * confirmed, and run row by row with bounded concurrency, each row submitted under its own key
 * (the key a form's Submit uses its id for), so a restart, which runs every pending row again,
 * makes no customer twice. Partner Center's throttling paces the calls in api mode (the client's
 * per-partner limiter); here, at most `concurrency` rows are in flight. Cancel stops the pending
 * rows; the ones in flight finish.
 */

export type ImportRefusal =
  | AuthorizationRefusal
  | { code: 'importNotFound' }
  | { code: 'importRunning'; jobId: string }
  | { code: 'importNotPreviewed'; state: ImportJob['state'] }
  | { code: 'nothingReady' };

export interface ImportJobsDeps {
  jobs: DocumentStore<ImportJob>;
  rows: DocumentStore<ImportRow>;
  customers: PartnerCustomers;
  vetting: VettingWorkflow;
  clock: Clock;
  log: Logger;
  newId: () => string;
  /** Rows in flight at once (Partner Center's limiter paces them further). */
  concurrency?: number;
}

type ProgressListener = (job: ImportJob) => void;

const DEFAULT_CONCURRENCY = 4;
const MAX_RETRIES = 3;
const RETRY_DELAY_MS = 20_000;

const partnerUserOf = (job: ImportJob): PartnerUser => {
  const role = PARTNER_ROLES.find((r) => r === job.user.role) ?? null;
  const partnerType = PARTNER_TYPES.find((t) => t === job.user.partnerType) ?? null;
  return { id: job.user.id, name: job.user.name, tenantId: job.tenantId, role, partnerType };
};

const cellForStorage = (cell: Spreadsheet['rows'][number]['cells'][number]) =>
  cell instanceof Date ? isoDate(cell) : cell;

/** The header row as the report writes it back: trailing blank columns dropped, bounded. */
const headerToKeep = (header: readonly string[]): string[] => {
  let end = header.length;
  while (end > 0 && (header[end - 1] ?? '').trim() === '') end -= 1;
  return header.slice(0, Math.min(end, MAX_KEPT_COLUMNS));
};
const MAX_KEPT_COLUMNS = 200;

export class ImportJobs {
  private readonly listeners = new Set<ProgressListener>();
  /** Jobs this process runs now, by key. */
  private readonly running = new Map<string, Promise<void>>();
  /** Partners whose start is being decided: two starts at once cannot both pass. */
  private readonly starting = new Set<string>();
  private stopping = false;
  private readonly retries = new Map<string, number>();

  constructor(private readonly deps: ImportJobsDeps) {}

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(job: ImportJob): void {
    for (const listener of this.listeners) {
      try {
        listener(job);
      } catch (error) {
        this.deps.log.warn('import progress listener failed', { error: String(error) });
      }
    }
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  /** Keeps a checked file: its rows first, then the job that names them (never a job without rows). */
  async keep(
    user: PartnerUser,
    sheet: Spreadsheet,
    rows: readonly CheckedRow[],
    about: { fileName: string; locale: string; conversationKey?: string },
  ): Promise<ImportJob> {
    const jobId = this.deps.newId();
    const at = this.now();
    const cellsByLine = new Map(sheet.rows.map((row) => [row.line, row.cells]));
    for (const row of rows) {
      const key = importRowKey(jobId, row.line);
      const kept: ImportRow = {
        key,
        jobId,
        line: row.line,
        kind: row.kind,
        cells: (cellsByLine.get(row.line) ?? []).map(cellForStorage),
        values: row.values,
        issues: row.issues,
        state: row.issues.length === 0 ? 'pending' : 'notReady',
        updatedAt: at,
      };
      await this.deps.rows.update(key, () => kept);
    }
    const job: ImportJob = {
      key: importJobKey(user.tenantId, jobId),
      jobId,
      tenantId: user.tenantId,
      user: { id: user.id, name: user.name, role: user.role, partnerType: user.partnerType },
      state: 'previewed',
      fileName: about.fileName.slice(0, 255),
      format: sheet.format,
      header: headerToKeep(sheet.header),
      ...(sheet.delimiter ? { delimiter: sheet.delimiter } : {}),
      locale: about.locale.slice(0, 35),
      ...(about.conversationKey ? { conversationKey: about.conversationKey } : {}),
      rows: rows.length,
      ready: rows.filter((row) => row.issues.length === 0).length,
      created: 0,
      failed: 0,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.jobs.update(job.key, () => job);
    return job;
  }

  /** The message whose card shows the job (the preview, then its progress), to update in place. */
  async attachCard(tenantId: string, jobId: string, activityId: string): Promise<void> {
    await this.deps.jobs.update(importJobKey(tenantId, jobId), (current) =>
      current ? { ...current, progressActivityId: activityId } : undefined,
    );
  }

  get(tenantId: string, jobId: string): Promise<ImportJob | undefined> {
    return this.deps.jobs.get(importJobKey(tenantId, jobId));
  }

  /** The partner's running import, if there is one. */
  async runningImport(tenantId: string): Promise<ImportJob | undefined> {
    return (await this.deps.jobs.list(tenantId)).find((job) => job.state === 'running');
  }

  /** The job this user checked or started last, whatever its state. */
  async latestOf(user: PartnerUser): Promise<ImportJob | undefined> {
    const theirs = (await this.deps.jobs.list(user.tenantId)).filter((j) => j.user.id === user.id);
    return theirs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  }

  async rowsOf(jobId: string): Promise<ImportRow[]> {
    return (await this.deps.rows.list(jobId)).sort((a, b) => a.line - b.line);
  }

  /** Whether the user may run the job's rows: adding customers, and correcting if it corrects. */
  private async refusalFor(
    user: PartnerUser,
    job: ImportJob,
  ): Promise<AuthorizationRefusal | undefined> {
    const rows = await this.rowsOf(job.jobId);
    const pending = rows.filter((row) => row.state === 'pending');
    if (pending.some((row) => row.kind === 'new')) {
      const refusal = authorize(user, 'addCustomer');
      if (refusal) return refusal;
    }
    if (pending.some((row) => row.kind === 'correction'))
      return authorize(user, 'correctAndResubmit');
    return undefined;
  }

  /** Starts a previewed job (the partner confirmed), as the user who confirms it. */
  async start(user: PartnerUser, jobId: string): Promise<Result<ImportJob, ImportRefusal>> {
    const authorized = authorize(user, 'addCustomer');
    if (authorized?.reason === 'noRole') return fail(authorized);
    if (this.starting.has(user.tenantId)) return fail({ code: 'importRunning', jobId });
    this.starting.add(user.tenantId);
    try {
      const job = await this.get(user.tenantId, jobId);
      if (!job) return fail({ code: 'importNotFound' });
      if (job.state !== 'previewed') return fail({ code: 'importNotPreviewed', state: job.state });
      if (job.ready === 0) return fail({ code: 'nothingReady' });
      const refusal = await this.refusalFor(user, job);
      if (refusal) return fail(refusal);
      const other = await this.runningImport(user.tenantId);
      if (other) return fail({ code: 'importRunning', jobId: other.jobId });
      const at = this.now();
      const started = await this.deps.jobs.update(job.key, (current) =>
        current?.state === 'previewed'
          ? {
              ...current,
              state: 'running',
              user: {
                id: user.id,
                name: user.name,
                role: user.role,
                partnerType: user.partnerType,
              },
              startedAt: at,
              updatedAt: at,
            }
          : undefined,
      );
      if (started?.state !== 'running')
        return fail({ code: 'importNotPreviewed', state: job.state });
      this.publish(started);
      this.launch(started);
      return ok(started);
    } finally {
      this.starting.delete(user.tenantId);
    }
  }

  /** Stops the job's pending rows; those in flight finish. */
  async cancel(user: PartnerUser, jobId: string): Promise<Result<ImportJob, ImportRefusal>> {
    const authorized = authorize(user, 'addCustomer');
    if (authorized?.reason === 'noRole') return fail(authorized);
    const job = await this.get(user.tenantId, jobId);
    if (!job) return fail({ code: 'importNotFound' });
    if (job.state !== 'running' && job.state !== 'previewed')
      return fail({ code: 'importNotPreviewed', state: job.state });
    const cancelled = await this.deps.jobs.update(job.key, (current) =>
      current && (current.state === 'running' || current.state === 'previewed')
        ? { ...current, state: 'cancelled', updatedAt: this.now() }
        : undefined,
    );
    if (!cancelled) return fail({ code: 'importNotFound' });
    // A running job closes its own rows when its workers see the state; a previewed one, here.
    if (job.state === 'previewed') await this.close(cancelled);
    else await this.running.get(job.key);
    return ok((await this.get(user.tenantId, jobId)) ?? cancelled);
  }

  /** At start: every job that was running when the process stopped goes on where it was. */
  async resume(tenantIds?: readonly string[]): Promise<number> {
    const jobs = tenantIds
      ? (await Promise.all(tenantIds.map((t) => this.deps.jobs.list(t)))).flat()
      : await this.deps.jobs.list();
    const running = jobs.filter((job) => job.state === 'running');
    for (const job of running) {
      this.deps.log.info('import resumed', { jobId: job.jobId, rows: job.rows });
      this.launch(job);
    }
    return running.length;
  }

  /** Resolves when no job runs in this process. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Shutting down: no new row starts; the ones in flight finish (their jobs resume at the next start). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private launch(job: ImportJob): void {
    if (this.running.has(job.key)) return;
    const run = this.run(job)
      .catch((error: unknown) => {
        // The job stays running in storage: the next start resumes it.
        this.deps.log.error('import stopped by an error', {
          jobId: job.jobId,
          error: String(error),
        });
      })
      .finally(() => this.running.delete(job.key));
    this.running.set(job.key, run);
  }

  private async run(job: ImportJob): Promise<void> {
    const pending = (await this.rowsOf(job.jobId)).filter((row) => row.state === 'pending');
    const user = partnerUserOf(job);
    const language = localizer(job.locale).language;
    // Shared by the workers: the next row to take, and what stopped them.
    const at = { next: 0, cancelled: false, unfinished: 0 };
    const worker = async (): Promise<void> => {
      while (!this.stopping && !at.cancelled) {
        const row = pending[at.next++];
        if (!row) return;
        if ((await this.get(job.tenantId, job.jobId))?.state !== 'running') {
          at.cancelled = true;
          return;
        }
        const outcome = await this.runRow(user, row, language);
        if (outcome.state === 'pending') {
          at.unfinished++;
          continue;
        }
        await this.deps.rows.update(row.key, (current) =>
          current ? { ...current, ...outcome, updatedAt: this.now() } : undefined,
        );
        const counted = await this.deps.jobs.update(job.key, (current) =>
          current
            ? {
                ...current,
                created: current.created + (outcome.state === 'created' ? 1 : 0),
                failed: current.failed + (outcome.state === 'failed' ? 1 : 0),
                updatedAt: this.now(),
              }
            : undefined,
        );
        if (counted) this.publish(counted);
      }
    };
    const concurrency = Math.max(1, this.deps.concurrency ?? DEFAULT_CONCURRENCY);
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (this.stopping) return;
    if (!at.cancelled && at.unfinished > 0) {
      this.retryLater(job);
      return;
    }
    const now = await this.get(job.tenantId, job.jobId);
    if (now) await this.close(now);
  }

  /**
   * Rows an error left pending (storage, or a failure no answer explained) are run again a little
   * later, a few times; then the job waits, still running, for the next start.
   */
  private retryLater(job: ImportJob): void {
    const retries = (this.retries.get(job.key) ?? 0) + 1;
    if (retries > MAX_RETRIES) {
      this.deps.log.error('import rows keep failing; the next start resumes them', {
        jobId: job.jobId,
      });
      return;
    }
    this.retries.set(job.key, retries);
    setTimeout(() => {
      if (!this.stopping) this.launch(job);
    }, RETRY_DELAY_MS * retries).unref();
  }

  /**
   * Ends a job: rows still pending are cancelled (a cancelled job) and the counts are taken from
   * the rows themselves, whatever a crash between a row's write and the job's did to them.
   */
  private async close(job: ImportJob): Promise<void> {
    this.retries.delete(job.key);
    const rows = await this.rowsOf(job.jobId);
    for (const row of rows) {
      if (row.state !== 'pending') continue;
      await this.deps.rows.update(row.key, (current) =>
        current?.state === 'pending'
          ? { ...current, state: 'cancelled', updatedAt: this.now() }
          : undefined,
      );
    }
    const at = this.now();
    const closed = await this.deps.jobs.update(job.key, (current) =>
      current
        ? {
            ...current,
            state: current.state === 'cancelled' ? 'cancelled' : 'finished',
            created: rows.filter((row) => row.state === 'created').length,
            failed: rows.filter((row) => row.state === 'failed').length,
            endedAt: at,
            updatedAt: at,
          }
        : undefined,
    );
    if (closed) this.publish(closed);
  }

  private async runRow(
    user: PartnerUser,
    row: ImportRow,
    language: string,
  ): Promise<Pick<ImportRow, 'state' | 'issues'> & Partial<ImportRow>> {
    try {
      return row.kind === 'new'
        ? await this.createCustomer(user, row, language)
        : await this.resubmit(user, row, language);
    } catch (error) {
      // Storage or Partner Center failed in a way no answer says: the row stays pending for a restart.
      this.deps.log.warn('import row failed; it stays pending', {
        line: row.line,
        error: String(error),
      });
      return { state: 'pending', issues: [] };
    }
  }

  private async createCustomer(user: PartnerUser, row: ImportRow, language: string) {
    const { customers } = this.deps;
    const made = await customers.createCustomer(user, withCulture(row.values, language), {
      key: row.key,
    });
    if (made.ok) return created(made.value.customer.id);
    // Run again after a restart: the customer the first run made is this row's.
    const before = await customerMadeEarlier(customers, user, row.values, made.error);
    return before ? created(before.id) : failed(made.error);
  }

  private async resubmit(user: PartnerUser, row: ImportRow, language: string) {
    const { customers, vetting } = this.deps;
    let { request, customerId } = row;
    if (request === undefined || customerId === undefined) {
      // Which request this is, written before it is made: after a restart, it says it was.
      const status = await customers.getQualificationStatus(user, row.values.domain ?? '');
      if (!status.ok) return failed(status.error);
      request = status.value.requestsUsed + 1;
      customerId = status.value.customerId;
      const planned = { request, customerId };
      await this.deps.rows.update(row.key, (current) =>
        current ? { ...current, ...planned } : undefined,
      );
    }
    const { domain: _fixed, ...corrections } = withCulture(row.values, language);
    const result = await vetting.resubmit(user, customerId, corrections, { key: row.key });
    if (result.ok) return created(customerId);
    return (await resubmittedEarlier(customers, user, customerId, request, result.error))
      ? created(customerId)
      : failed(result.error);
  }
}

const created = (customerId: string) => ({ state: 'created' as const, issues: [], customerId });

function failed(error: ServiceError) {
  return error.code === 'validation'
    ? { state: 'failed' as const, issues: error.issues }
    : { state: 'failed' as const, issues: [], refusal: { ...error } };
}
