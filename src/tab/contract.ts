/**
 * The tab's JSON API, as both sides see it: the server builds these, the page reads them.
 * Types only, with no imports, so the page's compilation stays free of server code. Text meant
 * for people comes already localised (the server has the one localisation layer); dates come as
 * ISO strings with a label beside them.
 */

export type TabVettingStatus = 'None' | 'InReview' | 'Approved' | 'Denied';
/** The list's orders, as the sort menu offers them; each is named by `tab.sort.<sort>`. */
export const TAB_SORTS = ['lastChange', 'name'] as const;
export type TabSort = (typeof TAB_SORTS)[number];
/** The list's columns, in order; each is headed by `tab.column.<column>`. */
export const TAB_COLUMNS = [
  'company',
  'domain',
  'segment',
  'status',
  'requests',
  'lastChange',
] as const;

/** GET /api/tab/strings?locale=…: the page's own words, before anyone signs in. */
export interface TabStrings {
  language: string;
  /** BCP 47 tag for Intl number formatting in the page. */
  locale: string;
  text: Record<string, string>;
}

/** GET /api/tab/me */
export interface TabSession {
  mode: 'teams' | 'development';
  userName: string;
  roleLabel: string;
  /** Whether this user may correct and resubmit (Global admin). */
  mayResubmit: boolean;
  /** Whether this user may import customers from a file (the roles that may add one). */
  mayImport: boolean;
}

export interface CustomerRow {
  id: string;
  companyName: string;
  domain: string;
  segmentLabel: string;
  status: TabVettingStatus;
  statusLabel: string;
  requestsUsed: number;
  maxRequests: number;
  lastChange: string;
  lastChangeLabel: string;
}

/** GET /api/tab/customers?q=&status=&sort=&cursor=&pageSize=&locale= */
export interface CustomerListPage {
  items: CustomerRow[];
  total: number;
  nextCursor?: string;
}

export interface TimelineEntry {
  at: string;
  dateLabel: string;
  /** The status after this entry; absent for corrections (the status did not change). */
  status?: TabVettingStatus;
  text: string;
  by: string;
  reason?: string;
}

export interface LabelledValue {
  label: string;
  value: string;
}

/** GET /api/tab/customers/:id?locale= */
export interface CustomerDetail {
  row: CustomerRow;
  /** The record as label/value pairs, in the order of the add-customer form. */
  facts: LabelledValue[];
  reason?: string;
  /** Oldest first. */
  timeline: TimelineEntry[];
  selling: {
    summary: string;
    segments: string;
    offers: { name: string; allowed: boolean; reason?: string }[];
  };
  resubmit: {
    /** Shown as a button when the user may resubmit now. */
    available: boolean;
    /** Why not, or what happens. */
    note: string;
    /** What to type in the bot chat. */
    command: string;
    /** A Teams deep link that opens the chat with the bot, the command typed in; absent in development. */
    chatUrl?: string;
  };
}

export interface ChartBar {
  key: string;
  label: string;
  count: number;
}

/** GET /api/tab/overview?locale= */
export interface OverviewView {
  total: number;
  byStatus: ChartBar[];
  reviewDays: ChartBar[];
  /** One sentence each: completed reviews and their median, the oldest open review. */
  notes: string[];
}

/** Every error body: `field` names the query parameter at fault, when there is one. */
export interface TabError {
  error: {
    code: string;
    message: string;
    field?: string;
    /** A file refused for its columns: each problem, in words. */
    details?: string[];
  };
}

type TabImportState = 'previewed' | 'running' | 'cancelled' | 'finished';

/** One problem of one row: where it is and what to do. */
export interface ImportProblem {
  line: number;
  /** The column's header in the reader's language; empty for a problem of the whole row. */
  column: string;
  message: string;
}

/**
 * POST /api/tab/imports (the file as the body, `?name=`) and GET /api/tab/imports/:id; also the
 * answer to …/start and …/cancel. Every count comes from the job's rows.
 */
export interface ImportView {
  jobId: string;
  fileName: string;
  state: TabImportState;
  title: string;
  /** The counts, labelled: rows, ready, with problems, created, failed, waiting. */
  facts: LabelledValue[];
  rows: number;
  ready: number;
  done: number;
  /** "12 of 34 rows done." */
  progressText: string;
  /** Every problem the check found, row by row. */
  problems: ImportProblem[];
  /** Every row that failed when it ran, with why. */
  failures: ImportProblem[];
  notes: string[];
  /** "Create 34 customers": present while the job may be started. */
  startLabel?: string;
  mayCancel: boolean;
}

/** GET /api/tab/imports/current: the partner's running import, or the last one this user checked. */
export interface CurrentImport {
  import?: ImportView;
}

/** GET /api/tab/events, `event: import`: an import of this partner moved on. */
export interface ImportEventData {
  jobId: string;
  state: TabImportState;
  done: number;
  ready: number;
  facts: LabelledValue[];
  progressText: string;
}

/** GET /api/tab/events: server-sent events, `event: status`. */
export interface StatusEventData {
  customerId: string;
  companyName: string;
  status: TabVettingStatus;
  /** A sentence for the screen reader's live region. */
  announcement: string;
}
