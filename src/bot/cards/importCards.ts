import type { Localizer } from '../../i18n/localizer.js';
import { importFacts, importProgressText, importTitle } from '../../import/importText.js';
import type { ImportJob } from '../../storage/records/importJob.js';
import { renderCard, type AdaptiveCard } from './templates.js';

/** The cards of an import: the preview to confirm, the progress updated in place, the summary. */

/** A row's problem or failure, in words: "Row 3 · Email is not a valid email address". */
export interface RowText {
  line: number;
  text: string;
}

export interface ImportLinks {
  templateXlsx?: string;
  templateCsv?: string;
}

/** At most this many problems on a card (the tab and the problem report have them all). */
const PROBLEMS_SHOWN = 5;

const importData = (action: 'start' | 'cancel', jobId: string) => ({
  kind: 'import',
  action,
  jobId,
});

function problemLines(i18n: Localizer, rows: readonly RowText[]): string[] {
  return rows
    .slice(0, PROBLEMS_SHOWN)
    .map((row) => i18n.t('import.problemLine', { line: row.line, problem: row.text }));
}

function templateLinks(i18n: Localizer, links: ImportLinks) {
  return [
    ...(links.templateXlsx
      ? [{ title: i18n.t('import.button.templateXlsx'), url: links.templateXlsx }]
      : []),
    ...(links.templateCsv
      ? [{ title: i18n.t('import.button.templateCsv'), url: links.templateCsv }]
      : []),
  ];
}

/** What the file holds, its first problems, and the confirmation: "Create 34 customers". */
export function importPreviewCard(
  i18n: Localizer,
  job: ImportJob,
  problems: readonly RowText[],
  links: ImportLinks,
): AdaptiveCard {
  const withProblems = job.rows - job.ready;
  return renderCard('import', {
    title: importTitle(i18n, job),
    lines: [],
    facts: factSet(i18n, job),
    problemsTitle: i18n.t('import.preview.firstProblems'),
    problems: problemLines(i18n, problems),
    notes: [
      ...(withProblems > 0 && job.ready > 0 ? [i18n.t('import.preview.leftOut')] : []),
      job.ready > 0 ? i18n.t('import.preview.domainsFixed') : i18n.t('import.preview.noneReady'),
    ],
    actions: [
      ...(job.ready > 0
        ? [
            {
              title: i18n.plural('import.button.start', job.ready),
              data: importData('start', job.jobId),
              style: 'positive' as const,
            },
          ]
        : []),
      {
        title: i18n.t('import.button.cancel'),
        data: importData('cancel', job.jobId),
        style: 'default' as const,
      },
    ],
    links: templateLinks(i18n, links),
  });
}

const factSet = (i18n: Localizer, job: ImportJob) =>
  importFacts(i18n, job).map((fact) => ({ title: fact.label, value: fact.value }));

/** A running import: how far it is, and Cancel. Updated in place as rows are done. */
export function importProgressCard(i18n: Localizer, job: ImportJob): AdaptiveCard {
  return renderCard('import', {
    title: importTitle(i18n, job),
    lines: [importProgressText(i18n, job)],
    facts: factSet(i18n, job),
    problemsTitle: '',
    problems: [],
    notes: [],
    actions: [
      {
        title: i18n.t('import.button.cancel'),
        data: importData('cancel', job.jobId),
        style: 'destructive',
      },
    ],
    links: [],
  });
}

/** An import that ended, finished or cancelled: what was created, and why rows failed. */
export function importSummaryCard(
  i18n: Localizer,
  job: ImportJob,
  failures: readonly RowText[],
  /** The job on the tab's Import page: every row, and the report to download. */
  reportUrl?: string,
): AdaptiveCard {
  return renderCard('import', {
    title: importTitle(i18n, job),
    lines: [],
    facts: factSet(i18n, job),
    problemsTitle: i18n.t('import.summary.failedRows'),
    problems: problemLines(i18n, failures),
    notes: job.created > 0 ? [i18n.t('import.summary.follows')] : [],
    actions: [],
    links: reportUrl ? [{ title: i18n.t('import.button.openReport'), url: reportUrl }] : [],
  });
}
