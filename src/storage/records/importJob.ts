import { z } from 'zod';
import { MAX_VERIFICATION_REQUESTS } from '../../domain/customer.js';

/**
 * An import of many customers from one file (src/import), kept so that a restart finishes it: the
 * job, and one record per row (a table row holds 64 KB, a job of 500 rows does not). A row's key
 * is also its submission's key at Partner Center, so a row run twice makes one customer.
 */

const IMPORT_JOB_STATES = ['previewed', 'running', 'cancelled', 'finished'] as const;

export const importJobSchema = z.object({
  /** tenant id | job id */
  key: z.string().min(1).max(200),
  jobId: z.string().min(1).max(100),
  /** The partner's tenant: one running import per partner. */
  tenantId: z.string().min(1),
  /** Who previewed it, then who started it: the rows run as that user. */
  user: z.object({
    id: z.string().min(1),
    name: z.string(),
    role: z.string().nullable(),
    partnerType: z.string().nullable(),
  }),
  state: z.enum(IMPORT_JOB_STATES),
  fileName: z.string().max(255),
  format: z.enum(['csv', 'xlsx']),
  /** The file's header row and CSV separator: the problem report writes the file back as it came. */
  header: z.array(z.string().max(4096)).max(200).optional(),
  delimiter: z.string().max(1).optional(),
  /** The reader's locale when the file came: the report and the cards speak it. */
  locale: z.string().max(35),
  /** Where progress and the summary go: a conversation's key, when a chat started it. */
  conversationKey: z.string().optional(),
  /** The progress card to update in place. */
  progressActivityId: z.string().optional(),
  rows: z.number().int().min(0),
  ready: z.number().int().min(0),
  created: z.number().int().min(0),
  failed: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

const IMPORT_ROW_STATES = ['notReady', 'pending', 'created', 'failed', 'cancelled'] as const;

const issueSchema = z.object({
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const importRowSchema = z.object({
  /** jobId | line */
  key: z.string().min(1),
  jobId: z.string().min(1),
  /** Its line in the file (the header is line 1). */
  line: z.number().int().min(2),
  kind: z.enum(['new', 'correction']),
  /** The cells as read (a date as YYYY-MM-DD): the problem report writes them back. */
  cells: z.array(cellSchema),
  /** The values, as text, by field: what is submitted. */
  values: z.record(z.string(), z.string()),
  /** The problems the check found (notReady), or why Partner Center refused the row (failed). */
  issues: z.array(issueSchema),
  state: z.enum(IMPORT_ROW_STATES),
  /** A refusal that is not about a field: its code and what its message needs. */
  refusal: z.record(z.string(), z.unknown()).optional(),
  customerId: z.string().optional(),
  /** A correction: which request it makes, written before it is made (a restart then knows). */
  request: z.number().int().min(1).max(MAX_VERIFICATION_REQUESTS).optional(),
  updatedAt: z.string(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

const beforeBar = (key: string): string => key.slice(0, Math.max(0, key.indexOf('|')));

export const importJobKey = (tenantId: string, jobId: string): string => `${tenantId}|${jobId}`;
/** A job's partition: its partner's tenant. */
export const importJobPartition = beforeBar;

export const importRowKey = (jobId: string, line: number): string => `${jobId}|${line}`;
/** A row's partition: its job. */
export const importRowPartition = beforeBar;
