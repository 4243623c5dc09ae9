import type { Localizer } from '../../i18n/localizer.js';
import { columnHeader, FILE_COLUMNS, type ImportColumn } from '../../import/columns.js';
import {
  importFacts,
  importProgressText,
  importTitle,
  rowProblems,
} from '../../import/importText.js';
import { FIELDS } from '../../domain/fields.js';
import type { ImportJob, ImportRow } from '../../storage/records/importJob.js';
import type { ImportEventData, ImportProblem, ImportView } from '../../tab/contract.js';

/** The tab's view of an import job, in the reader's language (the chat's cards say the same). */

const isColumn = (field: string): field is ImportColumn =>
  field in FIELDS || (FILE_COLUMNS as readonly string[]).includes(field);

/** Each problem of a row on a line of its own, with the column it is in. */
const problemsOf = (i18n: Localizer, row: ImportRow): ImportProblem[] =>
  rowProblems(i18n, row).map((problem) => ({
    line: row.line,
    column: problem.field && isColumn(problem.field) ? columnHeader(i18n, problem.field) : '',
    message: problem.text,
  }));

const done = (job: ImportJob) => job.created + job.failed;

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
    title: importTitle(i18n, job),
    facts: importFacts(i18n, job),
    rows: job.rows,
    ready: job.ready,
    done: done(job),
    progressText: importProgressText(i18n, job),
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
    facts: importFacts(i18n, job),
    progressText: importProgressText(i18n, job),
  };
}
