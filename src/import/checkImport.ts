import { MAX_VERIFICATION_REQUESTS } from '../domain/customer.js';
import { customerFormValues } from '../domain/customerRecord.js';
import { CUSTOMER_SECTIONS_IN_ORDER, FIELDS, type AskedField } from '../domain/fields.js';
import { fullDomain, normaliseDomainPrefix } from '../domain/fieldRules.js';
import { makeIssue } from '../domain/customerInput.js';
import type { Issue } from '../domain/issues.js';
import type { PartnerUser } from '../domain/roles.js';
import type { PartnerCustomers } from '../service/educationCustomers.js';
import { cellText } from './cells.js';
import {
  choiceValue,
  matchHeaders,
  rowKindOf,
  type HeaderProblem,
  type RowKind,
} from './columns.js';
import type { Spreadsheet } from './readSpreadsheet.js';

/**
 * Every row of an import file checked with the form's own rules (the service's validateDraft,
 * which also asks whether the domain is free), and what only a file can get wrong: a domain
 * twice in the file, a row for a customer the partner already has, a correction of a customer
 * that is not denied or has no request left. Every problem is reported, not the first.
 */

export interface CheckedRow {
  /** Its line in the file (the header is line 1). */
  line: number;
  kind: RowKind;
  /** The row's values, as text, by field: what the job submits. */
  values: Partial<Record<AskedField, string>>;
  /** The row's problems; `field` names its column. None: the row is ready. */
  issues: Issue[];
}

export type ImportCheck =
  { ok: false; headerProblems: HeaderProblem[] } | { ok: true; rows: CheckedRow[]; ready: number };

export interface CheckContext {
  customers: Pick<PartnerCustomers, 'validateDraft' | 'getCustomer'>;
  user: PartnerUser;
  /** The reader's locale: how a date written as text is read (22/11/2001 or 11/22/2001). */
  locale: string;
}

export async function checkImport(sheet: Spreadsheet, context: CheckContext): Promise<ImportCheck> {
  const { columns, problems } = matchHeaders(sheet.header);
  if (problems.length > 0) return { ok: false, headerProblems: problems };

  const rows = sheet.rows.map(({ line, cells }): CheckedRow => {
    const values: Partial<Record<AskedField, string>> = {};
    let kindCell = '';
    columns.forEach((column, index) => {
      if (!column || column === 'problems') return;
      const text = cellText(cells[index] ?? null, dateOrText(column), context.locale);
      if (column === 'rowKind') kindCell = text;
      else if (text !== '') values[column] = choiceValue(column, text);
    });
    const kind = rowKindOf(kindCell);
    return {
      line,
      kind: kind ?? 'new',
      values,
      issues: kind ? [] : [makeIssue('rowKind', 'invalidRowKind', { value: kindCell })],
    };
  });

  markDuplicateDomains(rows);
  for (const row of rows) {
    if (row.issues.some((issue) => issue.code === 'invalidRowKind')) continue;
    row.issues.push(
      ...(row.kind === 'new'
        ? await newCustomerIssues(row, context)
        : await correctionIssues(row, context)),
    );
  }
  return { ok: true, rows, ready: rows.filter((row) => row.issues.length === 0).length };
}

const dateOrText = (column: AskedField | 'rowKind'): 'date' | 'text' =>
  column !== 'rowKind' && FIELDS[column].input.kind === 'date' ? 'date' : 'text';

const domainKey = (row: CheckedRow): string | undefined =>
  row.values.domain === undefined ? undefined : normaliseDomainPrefix(row.values.domain);

/** The second and later rows with one domain each say where it came first. */
function markDuplicateDomains(rows: CheckedRow[]): void {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const key = domainKey(row);
    if (!key) continue;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, row.line);
    else row.issues.push(makeIssue('domain', 'duplicateInFile', { line: first }));
  }
}

async function newCustomerIssues(row: CheckedRow, context: CheckContext): Promise<Issue[]> {
  const duplicate = row.issues.some((issue) => issue.code === 'duplicateInFile');
  const report = await context.customers.validateDraft(row.values, CUSTOMER_SECTIONS_IN_ORDER);
  const issues: Issue[] = [];
  for (const issue of report.issues) {
    if (issue.code !== 'domainTaken') issues.push(issue);
    // A domain twice in the file is said once; taken by one of the partner's own customers, the
    // row is that customer, already there.
    else if (!duplicate) issues.push(await takenDomainIssue(issue, row, context));
  }
  return issues;
}

async function takenDomainIssue(
  taken: Issue,
  row: CheckedRow,
  context: CheckContext,
): Promise<Issue> {
  const key = domainKey(row);
  if (!key) return taken;
  const own = await context.customers.getCustomer(context.user, fullDomain(key));
  return own.ok
    ? makeIssue('domain', 'alreadyCustomer', { company: own.value.companyProfile.companyName })
    : taken;
}

/** A correction: the partner's denied customer with a request left, its fields laid over the stored ones. */
async function correctionIssues(row: CheckedRow, context: CheckContext): Promise<Issue[]> {
  const key = domainKey(row);
  if (!key) return [makeIssue('domain', 'required')];
  const found = await context.customers.getCustomer(context.user, fullDomain(key));
  if (!found.ok) return [makeIssue('domain', 'unknownCustomer', { domain: fullDomain(key) })];
  const customer = found.value;
  const { vettingStatus, verificationRequests } = customer.qualification;
  if (vettingStatus !== 'Denied')
    return [makeIssue('domain', 'notDenied', { status: vettingStatus })];
  if (verificationRequests >= MAX_VERIFICATION_REQUESTS)
    return [makeIssue('domain', 'noRequestsLeft', { max: MAX_VERIFICATION_REQUESTS })];
  const report = await context.customers.validateDraft(
    { ...customerFormValues(customer), ...row.values, domain: key },
    CUSTOMER_SECTIONS_IN_ORDER,
    { correcting: true },
  );
  return report.issues;
}
