import { CUSTOMER_FIELDS, FIELDS, type AskedField } from '../domain/fields.js';
import { choiceLabel } from '../i18n/customerText.js';
import { LANGUAGES, localizer, type Localizer } from '../i18n/localizer.js';

/**
 * The import file's columns: one per field the form asks for, in the order of the field table
 * (adding a field adds a column), then the optional "row kind" (a new customer, or a correction
 * of a denied one by its domain), then the problems column a problem report adds (read back, and
 * ignored, when the fixed report is sent again).
 */
export const FILE_COLUMNS = ['rowKind', 'problems'] as const;
export type ImportColumn = AskedField | (typeof FILE_COLUMNS)[number];

const IMPORT_FIELDS = CUSTOMER_FIELDS.filter(
  (field): field is AskedField => FIELDS[field].section !== undefined,
);

export const TEMPLATE_COLUMNS: readonly ImportColumn[] = [...IMPORT_FIELDS, 'rowKind'];

/** Columns a file must have: the fields every customer needs, whatever the country. */
const REQUIRED_COLUMNS: readonly AskedField[] = IMPORT_FIELDS.filter((field) => {
  const declaration = FIELDS[field];
  return declaration.input.required && !('requiredIn' in declaration);
});

/** A column's header in the reader's language. */
export function columnHeader(i18n: Localizer, column: ImportColumn): string {
  return i18n.t(`field.${column}`);
}

/** Headers compare on letters and digits alone: case, accents, spaces and a "*" do not count. */
const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Built on first use, not at start-up: the tables look up every label, word and country name in
 * every language (~40 ms), and only an import needs them.
 */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** Every header each column answers to: its name, and its label in every language. */
const columnByHeader = once((): ReadonlyMap<string, ImportColumn> => {
  const byHeader = new Map<string, ImportColumn>();
  const columns: ImportColumn[] = [...TEMPLATE_COLUMNS, 'problems'];
  for (const column of columns) byHeader.set(headerKey(column), column);
  for (const language of LANGUAGES) {
    const i18n = localizer(language);
    for (const column of columns) byHeader.set(headerKey(columnHeader(i18n, column)), column);
  }
  return byHeader;
});

export const HEADER_PROBLEM_CODES = ['missingColumn', 'unknownColumn', 'repeatedColumn'] as const;

export interface HeaderProblem {
  code: (typeof HEADER_PROBLEM_CODES)[number];
  /** The column's header as the file has it, or (missing) the column it lacks. */
  header: string;
  column?: ImportColumn;
}

export interface HeaderMatch {
  /** The column of each position of the header row; undefined: an unknown one. */
  columns: (ImportColumn | undefined)[];
  problems: HeaderProblem[];
}

/** Which column each header names, and what the header row lacks or has too many of. */
export function matchHeaders(headers: readonly string[]): HeaderMatch {
  const seen = new Set<ImportColumn>();
  const problems: HeaderProblem[] = [];
  const columns = headers.map((header): ImportColumn | undefined => {
    const key = headerKey(header);
    if (key === '') return undefined;
    const column = columnByHeader().get(key);
    if (!column) {
      problems.push({ code: 'unknownColumn', header: header.trim() });
      return undefined;
    }
    if (seen.has(column)) {
      problems.push({ code: 'repeatedColumn', header: header.trim(), column });
      return undefined;
    }
    seen.add(column);
    return column;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) problems.push({ code: 'missingColumn', header: column, column });
  }
  return { columns, problems };
}

/** What a row asks for: a new customer (the default), or a denied one corrected and sent again. */
export const ROW_KINDS = ['new', 'correction'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

const rowKindByWord = once((): ReadonlyMap<string, RowKind> => {
  const byWord = new Map<string, RowKind>();
  for (const language of LANGUAGES) {
    const i18n = localizer(language);
    for (const kind of ROW_KINDS)
      for (const word of i18n.words(`import.rowKind.${kind}`)) byWord.set(headerKey(word), kind);
  }
  return byWord;
});

/** The row's kind from its cell in any language; blank is new; undefined: not a kind. */
export function rowKindOf(cell: string): RowKind | undefined {
  const key = headerKey(cell);
  return key === '' ? 'new' : rowKindByWord().get(key);
}

/**
 * A choice written the way people write it: its stored value ("K12", "FR"), or its name in any
 * language ("Higher education", "Enseignement supérieur", "France", "Frankrijk"). Anything else
 * is left as written, for the field's rule to refuse.
 */
const choiceByWord = once((): ReadonlyMap<AskedField, ReadonlyMap<string, string>> => {
  const byField = new Map<AskedField, Map<string, string>>();
  for (const field of IMPORT_FIELDS) {
    const { input, display } = FIELDS[field];
    if (input.kind !== 'choice') continue;
    const byWord = new Map<string, string>();
    for (const value of input.choices) {
      byWord.set(headerKey(value), value);
      for (const language of LANGUAGES) {
        const i18n = localizer(language);
        const name = display === 'country' ? i18n.country(value) : choiceLabel(i18n, field, value);
        if (!byWord.has(headerKey(name))) byWord.set(headerKey(name), value);
      }
    }
    byField.set(field, byWord);
  }
  return byField;
});

export function choiceValue(field: AskedField, text: string): string {
  return choiceByWord().get(field)?.get(headerKey(text)) ?? text;
}
