import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell as XlsxCell, SheetData } from 'write-excel-file/node';
import type { Localizer } from '../i18n/localizer.js';
import { inertCell, isoDate, type Cell } from './cells.js';
import { columnHeader, matchHeaders, TEMPLATE_COLUMNS } from './columns.js';
import type { ImportJob, ImportRow } from '../storage/records/importJob.js';
import { rowProblems } from './importText.js';

/**
 * The files the bot writes: the empty template and the problem report (the file as it came, with
 * a problems column). Every text cell is made inert (cells.ts), so a cell a partner's file held
 * as "=HYPERLINK(…)" comes back as text, not as a formula someone's Excel would run.
 */

export type FileFormat = 'csv' | 'xlsx';

export interface WrittenFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The separator the reader's Excel expects: `;` where the decimal mark is a comma (French, Dutch,
 * Swedish), as Windows' list separator follows it; `,` elsewhere.
 */
export function csvDelimiterFor(locale: string): string {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ',';
}

type Table = { header: string[]; rows: Cell[][] };

function csvBytes(table: Table, delimiter: string): Buffer {
  const text = (cell: Cell): string =>
    cell === null ? '' : cell instanceof Date ? isoDate(cell) : inertCell(String(cell));
  // A BOM: Excel opens UTF-8 only when the file says so.
  return Buffer.from(
    stringify([table.header.map(text), ...table.rows.map((row) => row.map(text))], {
      delimiter,
      bom: true,
      record_delimiter: 'windows',
    }),
  );
}

async function xlsxBytes(table: Table, sheet: string): Promise<Buffer> {
  const cell = (value: Cell): XlsxCell => {
    if (value === null) return null;
    if (value instanceof Date) return { value, type: Date, format: 'yyyy-mm-dd' };
    if (typeof value === 'string') return { value: inertCell(value), type: String, wrap: true };
    return value;
  };
  const data: SheetData = [
    table.header.map((header) => ({ value: inertCell(header), type: String, fontWeight: 'bold' })),
    ...table.rows.map((row) => row.map(cell)),
  ];
  return writeXlsxFile(data, {
    sheet,
    stickyRowsCount: 1,
    columns: table.header.map(() => ({ width: 24 })),
  }).toBuffer();
}

async function written(
  table: Table,
  format: FileFormat,
  baseName: string,
  i18n: Localizer,
  delimiter = csvDelimiterFor(i18n.locale),
): Promise<WrittenFile> {
  const bytes =
    format === 'csv' ? csvBytes(table, delimiter) : await xlsxBytes(table, baseName.slice(0, 31));
  return { name: `${baseName}.${format}`, contentType: CONTENT_TYPES[format], bytes };
}

/** The empty template, its headers in the reader's language. */
export function importTemplate(i18n: Localizer, format: FileFormat): Promise<WrittenFile> {
  const header = TEMPLATE_COLUMNS.map((column) => columnHeader(i18n, column));
  return written({ header, rows: [] }, format, i18n.t('import.templateName'), i18n);
}

/** What a report writes back: the file as it was read (a kept job holds the same). */
export interface ReportSource {
  format: FileFormat;
  delimiter?: string;
  header: readonly string[];
  rows: readonly { line: number; cells: readonly Cell[] }[];
}

/**
 * The file as it came, every row in its place, with each row's problems in the last column (a
 * problems column the file already had is filled again): fixed in Excel, it can be sent again.
 */
export function problemReport(
  source: ReportSource,
  problemsByLine: ReadonlyMap<number, string>,
  i18n: Localizer,
): Promise<WrittenFile> {
  const kept = matchHeaders(source.header).columns.indexOf('problems');
  const at = kept >= 0 ? kept : source.header.length;
  const header = [...source.header];
  header[at] = columnHeader(i18n, 'problems');
  const tableRows = source.rows.map(({ line, cells }) => {
    const row: Cell[] = Array.from({ length: header.length }, (_, i) => cells[i] ?? null);
    row[at] = problemsByLine.get(line) || null;
    return row;
  });
  return written(
    { header, rows: tableRows },
    source.format,
    i18n.t('import.reportName'),
    i18n,
    source.delimiter,
  );
}

/** A kept job's report: each row with the problems the check found, or why it failed. */
export function jobReport(
  job: ImportJob,
  rows: readonly ImportRow[],
  i18n: Localizer,
): Promise<WrittenFile> {
  // One problem a line, as Excel shows a wrapped cell.
  const problems = new Map(
    rows.map((row) => [
      row.line,
      rowProblems(i18n, row)
        .map((problem) => problem.text)
        .join('\n'),
    ]),
  );
  return problemReport(
    {
      format: job.format,
      ...(job.delimiter ? { delimiter: job.delimiter } : {}),
      header: job.header ?? [],
      rows,
    },
    problems,
    i18n,
  );
}
