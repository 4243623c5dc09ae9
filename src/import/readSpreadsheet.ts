import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { fail, ok, type Result } from '../domain/result.js';
import type { Cell } from './cells.js';

/**
 * An import file's bytes as rows of cells, with every size bounded before it is spent:
 * - CSV (csv-parse): quotes, a BOM, `,` `;` or tab (Excel writes `;` in French, Dutch and
 *   Swedish locales: the header row says which), UTF-8 or else Windows-1252;
 * - XLSX (read-excel-file, its sheet read as a stream of XML): the zip's directory is read first,
 *   and a file that would inflate past the limit (a decompression bomb) is refused before any
 *   part of it is inflated; inflating never writes past the sizes the directory declares.
 */

export interface ImportLimits {
  /** The file as sent. */
  maxBytes: number;
  /** Data rows, not counting the header. */
  maxRows: number;
  /** An XLSX file's parts, inflated. */
  maxUnzippedBytes: number;
  /** One cell (the longest field, a website, holds 2,048). */
  maxCellChars: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxRows: 1_000,
  maxUnzippedBytes: 32 * 1024 * 1024,
  maxCellChars: 4_096,
};

export const FILE_PROBLEM_CODES = [
  'empty',
  'tooLarge',
  'tooManyRows',
  'cellTooLong',
  'legacyXls',
  'binary',
  'notXlsx',
  'unzippedTooLarge',
  'csvSyntax',
  'noRows',
] as const;

export type FileProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; bytes: number; max: number }
  | { code: 'tooManyRows'; max: number }
  | { code: 'cellTooLong'; line: number; max: number }
  | { code: 'legacyXls' }
  | { code: 'binary' }
  | { code: 'notXlsx' }
  | { code: 'unzippedTooLarge'; max: number }
  | { code: 'csvSyntax'; line: number }
  | { code: 'noRows' };
FILE_PROBLEM_CODES satisfies readonly FileProblem['code'][];

export interface Spreadsheet {
  format: 'csv' | 'xlsx';
  /** The CSV's separator, so a report written back uses the same one. */
  delimiter?: string;
  header: string[];
  /** Data rows, each with its line in the file (the header is line 1). Blank rows are left out. */
  rows: { line: number; cells: Cell[] }[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  magic.every((byte, i) => bytes[i] === byte);

export async function readSpreadsheet(
  bytes: Uint8Array,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<Result<Spreadsheet, FileProblem>> {
  if (bytes.length === 0) return fail({ code: 'empty' });
  if (bytes.length > limits.maxBytes)
    return fail({ code: 'tooLarge', bytes: bytes.length, max: limits.maxBytes });
  if (startsWith(bytes, OLE2_MAGIC)) return fail({ code: 'legacyXls' });
  const read = startsWith(bytes, ZIP_MAGIC)
    ? await readXlsx(bytes, limits)
    : readCsv(bytes, limits);
  if (!read.ok) return read;
  return checkedRows(read.value, limits);
}

const isBlank = (cell: Cell): boolean =>
  cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The header is the first row with something in it; rows over the limits are refused whole. */
function checkedRows(
  sheet: { format: Spreadsheet['format']; delimiter?: string; rows: Cell[][] },
  limits: ImportLimits,
): Result<Spreadsheet, FileProblem> {
  const rows: Spreadsheet['rows'] = [];
  let header: string[] | undefined;
  for (const [index, cells] of sheet.rows.entries()) {
    const line = index + 1;
    for (const cell of cells)
      if (typeof cell === 'string' && cell.length > limits.maxCellChars)
        return fail({ code: 'cellTooLong', line, max: limits.maxCellChars });
    if (cells.every(isBlank)) continue;
    if (!header) {
      header = cells.map((cell) => (cell === null ? '' : String(cell)));
      continue;
    }
    if (rows.length === limits.maxRows) return fail({ code: 'tooManyRows', max: limits.maxRows });
    rows.push({ line, cells });
  }
  if (!header || rows.length === 0) return fail({ code: 'noRows' });
  return ok({
    format: sheet.format,
    ...(sheet.delimiter ? { delimiter: sheet.delimiter } : {}),
    header,
    rows,
  });
}

// --- CSV -----------------------------------------------------------------------------------------

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252 (Excel's "CSV" on Windows). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Text has no NUL and few control characters; images, PDFs and executables have many. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.includes('\u0000')) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    // Tab, line feed, form feed and carriage return are text's; the other C0 controls are not.
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) controls++;
  }
  return controls > sample.length / 100;
}

/** The separator the header row uses most, outside quotes: the header names no ; , or tab. */
function delimiterOf(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text.slice(0, 65_536)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted) {
      const count = counts.get(char);
      if (count !== undefined) counts.set(char, count + 1);
    }
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function readCsv(
  bytes: Uint8Array,
  limits: ImportLimits,
): Result<{ format: 'csv'; delimiter: string; rows: Cell[][] }, FileProblem> {
  const text = decodeText(bytes);
  if (looksBinary(text)) return fail({ code: 'binary' });
  const delimiter = delimiterOf(text);
  try {
    const rows: string[][] = parseCsv(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      // One record more than the header and the allowed rows: enough to know there are too many.
      to: limits.maxRows + 2,
      max_record_size: limits.maxCellChars * 64,
    });
    return ok({ format: 'csv', delimiter, rows });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 0;
    return fail(
      error.code === 'CSV_MAX_RECORD_SIZE'
        ? { code: 'cellTooLong', line, max: limits.maxCellChars }
        : { code: 'csvSyntax', line },
    );
  }
}

// --- XLSX ----------------------------------------------------------------------------------------

/** An XLSX file has a dozen parts; a thousand is not a spreadsheet. */
const MAX_ZIP_ENTRIES = 1_000;

/** The zip's directory, read without inflating anything: how much its parts would take. */
function unzippedSize(bytes: Uint8Array): number | undefined {
  let entries = 0;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries++;
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return entries > MAX_ZIP_ENTRIES ? Number.POSITIVE_INFINITY : total;
}

async function readXlsx(
  bytes: Uint8Array,
  limits: ImportLimits,
): Promise<Result<{ format: 'xlsx'; rows: Cell[][] }, FileProblem>> {
  const size = unzippedSize(bytes);
  if (size === undefined) return fail({ code: 'notXlsx' });
  if (size > limits.maxUnzippedBytes)
    return fail({ code: 'unzippedTooLarge', max: limits.maxUnzippedBytes });
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  try {
    const rows = await readSheet(copy as ArrayBuffer, { trim: false });
    return ok({ format: 'xlsx', rows: rows as Cell[][] });
  } catch {
    // read-excel-file's InvalidInputError and InvalidSpreadsheetError: a zip, but not a workbook.
    return fail({ code: 'notXlsx' });
  }
}
