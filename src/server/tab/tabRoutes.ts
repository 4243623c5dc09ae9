import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { MessageKey } from '../../i18n/catalogues/en.js';
import type { Localizer } from '../../i18n/localizer.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import { VETTING_STATUSES } from '../../domain/customer.js';
import { authorize } from '../../domain/roles.js';
import type { Logger } from '../../log.js';
import { CUSTOMER_SORTS } from '../../storage/ports/customerStore.js';
import type { PartnerCustomers, ServiceError } from '../../service/educationCustomers.js';
import type { CustomerListPage, TabSession, TabStrings } from '../../tab/contract.js';
import type { TabAuthenticator } from './tabAuth.js';
import { API_HEADERS, readerOf, sendError, type CallerHandler } from './tabHttp.js';
import { TabImportApi, type TabImportOptions } from './tabImportRoutes.js';
import type { TabEventStreams } from './tabEvents.js';
import { customerDetail, customerRow, overviewView } from './tabViews.js';
import { parseOr400 } from '../parseOr400.js';

/** The tab's JSON API under /api/tab. Every route but `strings` needs an authenticated caller. */

/** Development mode only: whose customers to show (the Agents Playground has its own tenant). */
const developmentTenant = z
  .string()
  .regex(/^[\w.-]{1,64}$/)
  .optional()
  .catch(undefined);

const listQuerySchema = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(VETTING_STATUSES).optional(),
  sort: z.enum(CUSTOMER_SORTS).default('lastChange'),
  cursor: z
    .string()
    .max(200)
    .regex(/^[\w-]*$/)
    .optional(),
  pageSize: z.coerce.number().int().min(5).max(100).default(25),
});
type ListQueryField = keyof z.infer<typeof listQuerySchema>;
/** The list's query parameters; each has its message, `tab.invalid.<field>`. */
export const TAB_QUERY_FIELDS = Object.keys(listQuerySchema.shape) as ListQueryField[];

const customerIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+$/);

export interface TabRoutesOptions {
  customers: PartnerCustomers;
  authenticator: TabAuthenticator;
  events: TabEventStreams;
  log: Logger;
  /** The bot's app id, for the deep link into its chat; unset in emulator mode. */
  botAppId?: string;
  /** Unset: the tab has no Import page. */
  imports?: TabImportOptions;
}

function serviceErrorStatus(error: ServiceError): number {
  return error.code === 'forbidden' ? 403 : error.code === 'notFound' ? 404 : 400;
}

export function registerTabRoutes(server: Server, options: TabRoutesOptions): void {
  const api = new TabApi(options);
  server.get('/api/tab/strings', api.strings);
  const routes: [path: string, handler: CallerHandler][] = [
    ['/api/tab/me', api.me],
    ['/api/tab/customers', api.customers],
    ['/api/tab/customers/:id', api.customer],
    ['/api/tab/overview', api.overview],
    ['/api/tab/events', api.events],
  ];
  for (const [path, handler] of routes) server.get(path, api.authenticated(handler));
  if (options.imports) {
    const imports = new TabImportApi(options.imports);
    for (const [method, path, handler] of imports.routes()) {
      if (method === 'get') server.get(path, api.authenticated(handler));
      else server.post(path, api.authenticated(handler));
    }
  }
}

class TabApi {
  constructor(private readonly options: TabRoutesOptions) {}

  /** Runs `handle` for an authenticated caller who may see customers; answers 401/403/503 otherwise. */
  authenticated(handle: CallerHandler) {
    return async (req: Request, res: Response): Promise<void> => {
      const i18n = readerOf(req);
      const tenant = developmentTenant.parse(
        (req.query as Record<string, unknown> | undefined)?.tenant,
      );
      const auth = await this.options.authenticator.authenticate({
        authorization: req.header('authorization') || undefined,
        remoteAddress: req.socket.remoteAddress,
        host: req.header('host') || undefined,
        forwarded: Object.keys(req.headers).some(
          (name) => name === 'forwarded' || name.startsWith('x-forwarded-'),
        ),
        ...(tenant ? { developmentTenant: tenant } : {}),
      });
      if (!auth.ok) {
        sendError(res, auth.error.status, 'unauthenticated', i18n.t(auth.error.message));
        return;
      }
      // Every view of the tab needs the right to see customers; refuse once, here, in words.
      const refusal = authorize(auth.value.user, 'checkStatus');
      if (refusal) {
        sendError(res, 403, 'forbidden', refusalText(i18n, refusal));
        return;
      }
      await handle(req, res, auth.value, i18n);
    };
  }

  /** GET /api/tab/strings: the page's words in the reader's language (no caller needed). */
  readonly strings = async (req: Request, res: Response): Promise<void> => {
    const i18n = readerOf(req);
    const body: TabStrings = {
      language: i18n.language,
      locale: i18n.locale,
      text: i18n.messagesWithPrefix(['tab.', 'role.']),
    };
    res.send(200, body, { ...API_HEADERS, 'Cache-Control': 'no-cache' });
  };

  /** GET /api/tab/me: who is signed in, in which mode, and whether they may resubmit. */
  readonly me: CallerHandler = async (_req, res, { user }, i18n) => {
    const body: TabSession = {
      mode: this.options.authenticator.mode,
      userName: user.name,
      roleLabel: user.role ? i18n.t(`role.${user.role}`) : '',
      mayResubmit: authorize(user, 'correctAndResubmit') === undefined,
      mayImport: this.options.imports !== undefined && authorize(user, 'addCustomer') === undefined,
    };
    res.send(200, body, API_HEADERS);
  };

  /** GET /api/tab/customers: a page of the partner's customers, searched, filtered, sorted. */
  readonly customers: CallerHandler = async (req, res, { user }, i18n) => {
    const query = parseOr400(listQuerySchema, req.query ?? {}, (error) => {
      const field = String(error.issues[0]?.path[0] ?? 'q') as ListQueryField;
      sendError(res, 400, 'invalidQuery', i18n.t(`tab.invalid.${field}` satisfies MessageKey), {
        field,
      });
    });
    if (!query) return;
    const { q, status, sort, cursor, pageSize } = query;
    const page = await this.options.customers.listCustomers(user, {
      limit: pageSize,
      sort,
      ...(q ? { text: q } : {}),
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok) {
      failed(res, i18n, page.error);
      return;
    }
    const body: CustomerListPage = {
      items: page.value.items.map((record) => customerRow(i18n, record)),
      total: page.value.total,
      ...(page.value.nextCursor ? { nextCursor: page.value.nextCursor } : {}),
    };
    res.send(200, body, API_HEADERS);
  };

  /** GET /api/tab/customers/{id}: one customer, with what may be sold to it now. */
  readonly customer: CallerHandler = async (req, res, { user }, i18n) => {
    const id = parseOr400(customerIdSchema, (req.params as Record<string, unknown>).id, () =>
      sendError(res, 400, 'invalidQuery', i18n.t('tab.invalid.id'), { field: 'id' }),
    );
    if (id === undefined) return;
    const { customers, botAppId } = this.options;
    const record = await customers.getCustomer(user, id);
    if (!record.ok) {
      failed(res, i18n, record.error);
      return;
    }
    const purchase = await customers.purchaseOptions(user, record.value.id);
    if (!purchase.ok) {
      failed(res, i18n, purchase.error);
      return;
    }
    res.send(200, customerDetail(i18n, record.value, purchase.value, user, botAppId), API_HEADERS);
  };

  /** GET /api/tab/overview: the counts and the chart. */
  readonly overview: CallerHandler = async (_req, res, { user }, i18n) => {
    const overview = await this.options.customers.overview(user);
    if (!overview.ok) {
      failed(res, i18n, overview.error);
      return;
    }
    res.send(200, overviewView(i18n, overview.value), API_HEADERS);
  };

  /** GET /api/tab/events: the stream of this tenant's changes, until the caller's token expires. */
  readonly events: CallerHandler = async (_req, res, { user, expiresAt }, i18n) => {
    const opened = this.options.events.open(
      res,
      { tenantId: user.tenantId, userKey: `${user.tenantId}|${user.id}` },
      i18n,
      expiresAt,
    );
    if (!opened.ok) {
      res.header('Retry-After', '30');
      sendError(res, 429, 'tooManyStreams', i18n.t('tab.error.tooManyStreams'));
      return;
    }
    this.options.log.debug('tab event stream opened', { tenantId: user.tenantId });
    await opened.value;
  };
}

/** A service's refusal as the tab reads it: 404 for a customer not found, else 403 or 400. */
function failed(res: Response, i18n: Localizer, error: ServiceError): void {
  if (error.code === 'notFound') sendError(res, 404, 'notFound', i18n.t('tab.error.notFound'));
  else sendError(res, serviceErrorStatus(error), error.code, refusalText(i18n, error));
}
