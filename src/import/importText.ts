import type { IssueCode } from '../domain/issues.js';
import type { Localizer } from '../i18n/localizer.js';
import { refusalText } from '../i18n/serviceMessages.js';
import type { ServiceError } from '../service/educationCustomers.js';
import type { ImportRow } from '../storage/records/importJob.js';
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

export function headerProblemText(i18n: Localizer, problem: HeaderProblem): string {
  return problem.code === 'missingColumn' && problem.column
    ? i18n.t('import.file.missingColumn', { column: columnHeader(i18n, problem.column) })
    : i18n.t(`import.file.${problem.code}`, { header: problem.header });
}

/** Why a row has problems, or why it failed: every problem of the row, in one line. */
export function rowProblemText(i18n: Localizer, row: ImportRow): string {
  const texts = row.issues.map((issue) => i18n.issue({ ...issue, code: issue.code as IssueCode }));
  // A refusal this code stored itself (importJobs.ts): a ServiceError.
  if (row.refusal) texts.push(refusalText(i18n, row.refusal as unknown as ServiceError));
  return texts.join(' ');
}
