import type { IssueCode } from '../../domain/issues.js';
import type { Localizer } from '../../i18n/localizer.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import { columnHeader, FILE_COLUMNS, type ImportColumn } from '../../import/columns.js';
import { FIELDS } from '../../domain/fields.js';
import type { ServiceError } from '../../service/educationCustomers.js';
import type { ImportJob, ImportRow } from '../../storage/records/importJob.js';
import type {
  ImportEventData,
  ImportProblem,
  ImportView,
  LabelledValue,
} from '../../tab/contract.js';

/** The tab's view of an import job, in the reader's language (the chat's cards say the same). */

const isColumn = (field: string): field is ImportColumn =>
  field in FIELDS || (FILE_COLUMNS as readonly string[]).includes(field);

/** Each problem of a row on a line of its own, with the column it is in. */
function problemsOf(i18n: Localizer, row: ImportRow): ImportProblem[] {
  const problems = row.issues.map((issue) => ({
    line: row.line,
    column: isColumn(issue.field) ? columnHeader(i18n, issue.field) : '',
    message: i18n.issue({ ...issue, code: issue.code as IssueCode }),
  }));
  // A refusal the job stored itself (importJobs.ts): a ServiceError, about the whole row.
  if (row.refusal)
    problems.push({
      line: row.line,
      column: '',
      message: refusalText(i18n, row.refusal as unknown as ServiceError),
    });
  return problems;
}

const done = (job: ImportJob) => job.created + job.failed;

function facts(i18n: Localizer, job: ImportJob): LabelledValue[] {
  const number = (n: number) => i18n.number(n);
  const waiting = Math.max(0, job.ready - done(job));
  return job.state === 'previewed'
    ? [
        { label: i18n.t('import.fact.rows'), value: number(job.rows) },
        { label: i18n.t('import.fact.ready'), value: number(job.ready) },
        { label: i18n.t('import.fact.problems'), value: number(job.rows - job.ready) },
      ]
    : [
        { label: i18n.t('import.fact.created'), value: number(job.created) },
        { label: i18n.t('import.fact.failed'), value: number(job.failed) },
        ...(job.state === 'running' || waiting > 0
          ? [{ label: i18n.t('import.fact.waiting'), value: number(waiting) }]
          : []),
      ];
}

function title(i18n: Localizer, job: ImportJob): string {
  const file = job.fileName;
  switch (job.state) {
    case 'previewed':
      return i18n.t('import.preview.title', { file });
    case 'running':
      return i18n.t('import.progress.title', { file });
    case 'cancelled':
      return i18n.t('import.summary.cancelledTitle', { file });
    case 'finished':
      return i18n.t('import.summary.finishedTitle', { file });
  }
}

const progressText = (i18n: Localizer, job: ImportJob) =>
  i18n.t('import.progress.text', { done: i18n.number(done(job)), total: i18n.number(job.ready) });

function notes(i18n: Localizer, job: ImportJob): string[] {
  if (job.state !== 'previewed') return job.created > 0 ? [i18n.t('tab.import.followed')] : [];
  const withProblems = job.rows - job.ready;
  return [
    ...(withProblems > 0 && job.ready > 0 ? [i18n.t('tab.import.leftOut')] : []),
    job.ready > 0 ? i18n.t('import.preview.domainsFixed') : i18n.t('tab.import.noneReady'),
  ];
}

export function importView(
  i18n: Localizer,
  job: ImportJob,
  rows: readonly ImportRow[],
): ImportView {
  const byState = (state: ImportRow['state']) =>
    rows.filter((row) => row.state === state).flatMap((row) => problemsOf(i18n, row));
  return {
    jobId: job.jobId,
    fileName: job.fileName,
    state: job.state,
    title: title(i18n, job),
    facts: facts(i18n, job),
    rows: job.rows,
    ready: job.ready,
    done: done(job),
    progressText: progressText(i18n, job),
    problems: byState('notReady'),
    failures: byState('failed'),
    notes: notes(i18n, job),
    ...(job.state === 'previewed' && job.ready > 0
      ? { startLabel: i18n.plural('import.button.start', job.ready) }
      : {}),
    mayCancel: job.state === 'running',
  };
}

/** What a live event says of a job: enough to move the progress bar without asking again. */
export function importEvent(i18n: Localizer, job: ImportJob): ImportEventData {
  return {
    jobId: job.jobId,
    state: job.state,
    done: done(job),
    ready: job.ready,
    facts: facts(i18n, job),
    progressText: progressText(i18n, job),
  };
}
