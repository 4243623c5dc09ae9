import type { IssueCode } from '../domain/issues.js';
import type { Localizer } from '../i18n/localizer.js';
import { refusalText } from '../i18n/serviceMessages.js';
import type { ServiceError } from '../service/educationCustomers.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import type { ImportJob, ImportRow } from '../storage/records/importJob.js';
import type { ImportRefusal } from './importJobs.js';
import { columnHeader, type HeaderProblem } from './columns.js';
import type { FileProblem } from './readSpreadsheet.js';

/** What is wrong with an import file, in the reader's language. */

/** Bytes as the reader reads a size: "4 MB", "4 Mo". */
function size(i18n: Localizer, bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return new Intl.NumberFormat(i18n.locale, {
    style: 'unit',
    unit: megabytes >= 1 ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(megabytes >= 1 ? megabytes : bytes / 1024);
}

export function fileProblemText(i18n: Localizer, problem: FileProblem): string {
  switch (problem.code) {
    case 'tooLarge':
      return i18n.t('import.file.tooLarge', {
        size: size(i18n, problem.bytes),
        max: size(i18n, problem.max),
      });
    case 'unzippedTooLarge':
      return i18n.t('import.file.unzippedTooLarge', { max: size(i18n, problem.max) });
    case 'tooManyRows':
    case 'cellTooLong':
    case 'csvSyntax': {
      const { code, ...params } = problem;
      return i18n.t(`import.file.${code}`, params);
    }
    default:
      return i18n.t(`import.file.${problem.code}`);
  }
}

/** A file refused before its size was known (it came without one): "larger than 4 MB". */
export const fileOverLimitText = (i18n: Localizer, max: number): string =>
  i18n.t('import.file.overLimit', { max: size(i18n, max) });

export function headerProblemText(i18n: Localizer, problem: HeaderProblem): string {
  return problem.code === 'missingColumn' && problem.column
    ? i18n.t('import.file.missingColumn', { column: columnHeader(i18n, problem.column) })
    : i18n.t(`import.file.${problem.code}`, { header: problem.header });
}

/** One problem of a row: the field (its column) it is about, if any, and what to do, in words. */
export interface RowProblem {
  field?: string;
  text: string;
}

/** Why a row has problems, or why it failed: each problem of the row. */
export function rowProblems(i18n: Localizer, row: ImportRow): RowProblem[] {
  const problems: RowProblem[] = row.issues.map((issue) => ({
    field: issue.field,
    text: i18n.issue({ ...issue, code: issue.code as IssueCode }),
  }));
  // A refusal this code stored itself (importJobs.ts): a ServiceError, about the whole row.
  if (row.refusal)
    problems.push({ text: refusalText(i18n, row.refusal as unknown as ServiceError) });
  return problems;
}

/** Every problem of the row in one line, as a card shows it. */
export const rowProblemText = (i18n: Localizer, row: ImportRow): string =>
  rowProblems(i18n, row)
    .map((problem) => problem.text)
    .join(' ');

/** An import as its card and the tab name it: "Import of schools.csv", "… finished". */
export function importTitle(i18n: Localizer, job: ImportJob): string {
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

const doneRows = (job: ImportJob) => job.created + job.failed;

/** The counts an import shows: before it runs, what the file holds; then, how far it is. */
export function importFacts(i18n: Localizer, job: ImportJob): { label: string; value: string }[] {
  const count = (label: MessageKey, n: number) => ({ label: i18n.t(label), value: i18n.number(n) });
  if (job.state === 'previewed')
    return [
      count('import.fact.rows', job.rows),
      count('import.fact.ready', job.ready),
      count('import.fact.problems', job.rows - job.ready),
    ];
  const waiting = Math.max(0, job.ready - doneRows(job));
  return [
    count('import.fact.created', job.created),
    count('import.fact.failed', job.failed),
    ...(waiting > 0 ? [count('import.fact.waiting', waiting)] : []),
  ];
}

/** "12 of 34 rows done." */
export const importProgressText = (i18n: Localizer, job: ImportJob): string =>
  i18n.t('import.progress.text', {
    done: i18n.number(doneRows(job)),
    total: i18n.number(job.ready),
  });

const IMPORT_REFUSALS = {
  importRunning: 'import.refusal.importRunning',
  importNotFound: 'import.refusal.importNotFound',
  importNotPreviewed: 'import.refusal.importNotPreviewed',
  nothingReady: 'import.refusal.nothingReady',
} as const satisfies Record<Exclude<ImportRefusal['code'], 'forbidden'>, MessageKey>;

export function importRefusalText(i18n: Localizer, refusal: ImportRefusal): string {
  return refusal.code === 'forbidden'
    ? refusalText(i18n, refusal)
    : i18n.t(IMPORT_REFUSALS[refusal.code]);
}
