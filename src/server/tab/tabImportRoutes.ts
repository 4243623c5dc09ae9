import type { Request, Response } from 'restify';
import { z } from 'zod';
import { authorize, type PartnerUser } from '../../domain/roles.js';
import type { Localizer } from '../../i18n/localizer.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import type { ImportJobs, ImportRefusal } from '../../import/importJobs.js';
import {
  fileOverLimitText,
  fileProblemText,
  headerProblemText,
  importRefusalText,
} from '../../import/importText.js';
import { previewImport } from '../../import/previewImport.js';
import type { ImportLimits } from '../../import/readSpreadsheet.js';
import { jobReport } from '../../import/writeSpreadsheet.js';
import type { Result } from '../../domain/result.js';
import type { PartnerCustomers } from '../../service/educationCustomers.js';
import type { ImportJob } from '../../storage/records/importJob.js';
import type { CurrentImport } from '../../tab/contract.js';
import { parseOr400 } from '../parseOr400.js';
import { readBytesBody } from '../requestBody.js';
import { importView } from './importViews.js';
import { API_HEADERS, sendError, type CallerHandler, type TabRoute } from './tabHttp.js';

/**
 * The tab's door to the import engine (src/import), beside the chat's (bot/imports.ts): the file
 * comes as the request's body, is read, checked and kept as the same job a chat's file makes;
 * the page then starts it, follows it live (tabEvents.ts), cancels it, and downloads its report.
 */

export interface TabImportOptions {
  jobs: ImportJobs;
  customers: Pick<PartnerCustomers, 'validateDraft' | 'getCustomer'>;
  limits: ImportLimits;
  /** The user's personal chat with the bot, if they have one: the summary and decisions go there. */
  personalChat(user: PartnerUser): Promise<string | undefined>;
}

/**
 * What a file may be labelled. Not text/plain, nor a form's types: those a page on another site
 * could send here without the browser asking first.
 */
const FILE_CONTENT_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/** The upload reads its own body (a file, bounded by the import's limit), not the server's JSON. */
export const TAB_UPLOAD_PATH = '/api/tab/imports';

const uploadQuery = z.object({ name: z.string().trim().min(1).max(255) });
const jobIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w-]+$/);
/** Start and cancel carry an empty JSON object: a JSON body is never sent cross-site unasked. */
const actionBody = z.object({}).strict();

export class TabImportApi {
  constructor(private readonly options: TabImportOptions) {}

  routes(): TabRoute[] {
    return [
      ['post', TAB_UPLOAD_PATH, this.upload],
      ['get', '/api/tab/imports/current', this.current],
      ['get', '/api/tab/imports/:jobId', this.show],
      ['post', '/api/tab/imports/:jobId/start', this.start],
      ['post', '/api/tab/imports/:jobId/cancel', this.cancel],
      ['get', '/api/tab/imports/:jobId/report', this.report],
    ];
  }

  private async view(i18n: Localizer, job: ImportJob) {
    return importView(i18n, job, await this.options.jobs.rowsOf(job.jobId));
  }

  /** The job the path names, of the caller's partner; undefined once a 400 or 404 is sent. */
  private async jobOf(req: Request, res: Response, user: PartnerUser, i18n: Localizer) {
    const jobId = parseOr400(jobIdSchema, (req.params as Record<string, unknown>).jobId, () =>
      sendError(res, 400, 'invalidQuery', i18n.t('tab.invalid.jobId'), { field: 'jobId' }),
    );
    if (jobId === undefined) return undefined;
    const job = await this.options.jobs.get(user.tenantId, jobId);
    if (!job) sendError(res, 404, 'notFound', i18n.t('tab.error.importNotFound'));
    return job;
  }

  /** POST /api/tab/imports?name=: the file as the body; answers the checked job, or what is wrong. */
  readonly upload: CallerHandler = async (req, res, { user }, i18n) => {
    const refusal = authorize(user, 'addCustomer');
    if (refusal) {
      sendError(res, 403, 'forbidden', refusalText(i18n, refusal));
      return;
    }
    const query = parseOr400(uploadQuery, req.query ?? {}, () =>
      sendError(res, 400, 'invalidQuery', i18n.t('tab.invalid.name'), { field: 'name' }),
    );
    if (!query) return;
    const { limits } = this.options;
    const body = await readBytesBody(req, limits.maxBytes, FILE_CONTENT_TYPES);
    if (!body.ok) {
      if (body.error === 'tooLarge') {
        // The rest of the body is not read: the connection closes after the answer.
        res.header('Connection', 'close');
        sendError(res, 413, 'tooLarge', fileOverLimitText(i18n, limits.maxBytes));
      } else sendError(res, 400, body.error, i18n.t('tab.invalid.file'), { field: 'file' });
      return;
    }
    const chat = await this.options.personalChat(user);
    const preview = await previewImport(body.value, {
      jobs: this.options.jobs,
      customers: this.options.customers,
      limits,
      user,
      locale: i18n.locale,
      fileName: query.name,
      ...(chat ? { conversationKey: chat } : {}),
    });
    if (!preview.ok) {
      const problem = preview.error;
      if (problem.kind === 'file')
        sendError(res, 400, problem.problem.code, fileProblemText(i18n, problem.problem));
      else
        sendError(res, 400, 'columns', i18n.t('tab.import.headerProblems', { file: query.name }), {
          details: problem.problems.map((p) => headerProblemText(i18n, p)),
        });
      return;
    }
    res.send(201, await this.view(i18n, preview.value), API_HEADERS);
  };

  /** GET /api/tab/imports/current: the partner's running import, else the user's latest. */
  readonly current: CallerHandler = async (_req, res, { user }, i18n) => {
    const { jobs } = this.options;
    const job = (await jobs.runningImport(user.tenantId)) ?? (await jobs.latestOf(user));
    const body: CurrentImport = job ? { import: await this.view(i18n, job) } : {};
    res.send(200, body, API_HEADERS);
  };

  /** GET /api/tab/imports/:jobId */
  readonly show: CallerHandler = async (req, res, { user }, i18n) => {
    const job = await this.jobOf(req, res, user, i18n);
    if (job) res.send(200, await this.view(i18n, job), API_HEADERS);
  };

  private async act(
    req: Request,
    res: Response,
    i18n: Localizer,
    run: (jobId: string) => Promise<Result<ImportJob, ImportRefusal>>,
  ): Promise<void> {
    // The body was read as JSON by the server (httpServer.ts); an empty one must say JSON too.
    const json = req.header('content-type', '').toLowerCase().startsWith('application/json');
    if (!json || !actionBody.safeParse(req.body ?? {}).success) {
      sendError(res, 400, 'invalidBody', i18n.t('tab.invalid.body'), { field: 'body' });
      return;
    }
    const jobId = parseOr400(jobIdSchema, (req.params as Record<string, unknown>).jobId, () =>
      sendError(res, 400, 'invalidQuery', i18n.t('tab.invalid.jobId'), { field: 'jobId' }),
    );
    if (jobId === undefined) return;
    const done = await run(jobId);
    if (done.ok) {
      res.send(200, await this.view(i18n, done.value), API_HEADERS);
      return;
    }
    const status =
      done.error.code === 'forbidden' ? 403 : done.error.code === 'importNotFound' ? 404 : 409;
    sendError(res, status, done.error.code, importRefusalText(i18n, done.error));
  }

  /** POST /api/tab/imports/:jobId/start: the partner confirmed; the rows start. */
  readonly start: CallerHandler = (req, res, { user }, i18n) =>
    this.act(req, res, i18n, (jobId) => this.options.jobs.start(user, jobId));

  /** POST /api/tab/imports/:jobId/cancel: a previewed job is dropped, a running one stops. */
  readonly cancel: CallerHandler = (req, res, { user }, i18n) =>
    this.act(req, res, i18n, (jobId) => this.options.jobs.cancel(user, jobId));

  /** GET /api/tab/imports/:jobId/report: the file as it came, with a problems column. */
  readonly report: CallerHandler = async (req, res, { user }, i18n) => {
    const job = await this.jobOf(req, res, user, i18n);
    if (!job) return;
    const file = await jobReport(job, await this.options.jobs.rowsOf(job.jobId), i18n);
    res.writeHead(200, {
      ...API_HEADERS,
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      'Content-Length': file.bytes.length,
    });
    res.end(file.bytes);
  };
}
