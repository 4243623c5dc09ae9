/**
 * A spreadsheet cell as the readers give it, and the text the form's rules check. XLSX cells are
 * typed (a date-formatted number arrives as a Date); CSV cells are text, and dates in them are
 * written the way the spreadsheet program's locale writes them.
 */
export type Cell = string | number | boolean | Date | null;

/** Excel's (1900) day 0 is 1899-12-30: serial 45658 is 2025-01-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serials from 1900-03-01 to 9999-12-31: earlier ones carry Lotus 1-2-3's leap-year bug. */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2_958_465;

/** A date cell as YYYY-MM-DD (readers give date cells at UTC midnight). */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

function excelSerialToIsoDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL || serial > LAST_SERIAL) return undefined;
  return isoDate(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

/** Whether the locale writes the day before the month (en-GB 22/11/2001, fr, nl) or after (en-US). */
const dayFirstByLocale = new Map<string, boolean>();
function writesDayFirst(locale: string): boolean {
  let dayFirst = dayFirstByLocale.get(locale);
  if (dayFirst === undefined) {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' })
      .formatToParts(new Date(Date.UTC(2001, 10, 22)))
      .map((part) => part.type);
    dayFirst = parts.indexOf('day') < parts.indexOf('month');
    if (dayFirstByLocale.size < 64) dayFirstByLocale.set(locale, dayFirst);
  }
  return dayFirst;
}

const pad = (n: string): string => n.padStart(2, '0');

/**
 * A date written as text, as YYYY-MM-DD: ISO (with a time, too), or day, month and year with /, .
 * or - in the order of the reader's locale (a four-digit year). Anything else is left as written,
 * and the date rule then says what is expected.
 */
function textDateToIso(text: string, locale: string): string {
  const value = text.trim();
  const iso = /^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})(?:[ T][\d:.]+Z?)?$/.exec(value);
  if (iso?.groups) {
    const { year = '', month = '', day = '' } = iso.groups;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  const local = /^(?<a>\d{1,2})[/.-](?<b>\d{1,2})[/.-](?<year>\d{4})(?: [\d:]+)?$/.exec(value);
  if (!local?.groups) return value;
  const { a = '', b = '', year = '' } = local.groups;
  const [day, month] = writesDayFirst(locale) ? [a, b] : [b, a];
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Every file the bot writes has cells that a spreadsheet program would run as a formula made
 * inert: a leading = + - or @ gets an apostrophe first (OWASP's advice). Read back, the
 * apostrophe goes again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const inertCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
const withoutInertMark = (text: string): string =>
  text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;

/** A cell as the text the form's rules check. */
export function cellText(cell: Cell, kind: 'text' | 'date', locale: string): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') {
    if (kind === 'date') return excelSerialToIsoDate(cell) ?? String(cell);
    return String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const text = withoutInertMark(cell.trim());
  return kind === 'date' ? textDateToIso(text, locale) : text;
}
