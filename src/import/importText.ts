import type { IssueCode } from '../domain/issues.js';
import type { Localizer } from '../i18n/localizer.js';
import { refusalText } from '../i18n/serviceMessages.js';
import type { ServiceError } from '../service/educationCustomers.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import type { ImportRow } from '../storage/records/importJob.js';
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

/** Why a row has problems, or why it failed: each problem of the row, in words. */
export function rowProblems(i18n: Localizer, row: ImportRow): string[] {
  const texts = row.issues.map((issue) => i18n.issue({ ...issue, code: issue.code as IssueCode }));
  // A refusal this code stored itself (importJobs.ts): a ServiceError.
  if (row.refusal) texts.push(refusalText(i18n, row.refusal as unknown as ServiceError));
  return texts;
}

/** Every problem of the row in one line, as a card shows it. */
export const rowProblemText = (i18n: Localizer, row: ImportRow): string =>
  rowProblems(i18n, row).join(' ');

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
