import { fail, ok, type Result } from '../domain/result.js';
import type { PartnerUser } from '../domain/roles.js';
import type { PartnerCustomers } from '../service/educationCustomers.js';
import type { ImportJob } from '../storage/records/importJob.js';
import { checkImport } from './checkImport.js';
import type { HeaderProblem } from './columns.js';
import type { ImportJobs } from './importJobs.js';
import { readSpreadsheet, type FileProblem, type ImportLimits } from './readSpreadsheet.js';

/**
 * A file's way in, the same from either door (the chat, the tab): read it, check every row, keep
 * it as a previewed job. What is wrong with the file itself comes back instead, for the door to
 * say in its own words.
 */

export type PreviewProblem =
  { kind: 'file'; problem: FileProblem } | { kind: 'header'; problems: HeaderProblem[] };

export interface PreviewContext {
  jobs: ImportJobs;
  customers: Pick<PartnerCustomers, 'validateDraft' | 'getCustomer'>;
  limits: ImportLimits;
  user: PartnerUser;
  /** The reader's locale: how text dates are read, and the language the job speaks. */
  locale: string;
  fileName: string;
  /** The chat that sent it, when one did: progress and the summary go there. */
  conversationKey?: string;
}

export async function previewImport(
  bytes: Uint8Array,
  context: PreviewContext,
): Promise<Result<ImportJob, PreviewProblem>> {
  const read = await readSpreadsheet(bytes, context.limits);
  if (!read.ok) return fail({ kind: 'file', problem: read.error });
  const check = await checkImport(read.value, context);
  if (!check.ok) return fail({ kind: 'header', problems: check.headerProblems });
  return ok(
    await context.jobs.keep(context.user, read.value, check.rows, {
      fileName: context.fileName,
      locale: context.locale,
      ...(context.conversationKey ? { conversationKey: context.conversationKey } : {}),
    }),
  );
}
