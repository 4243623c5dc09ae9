import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { VETTING_STATUSES, type ActorRef } from '../domain/customer.js';
import { issuesFromZod } from '../domain/customerInput.js';
import type { Issue } from '../domain/issues.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import { localizer } from '../i18n/localizer.js';
import type { OutboxOperations } from '../bot/notifications/notifier.js';
import type { OperatorCustomers, VettingWorkflow } from '../service/educationCustomers.js';
import { qualificationStatus } from '../service/qualificationStatus.js';
import type { Logger } from '../log.js';
import { hasBearerKey } from './bearerAuth.js';
import type { FailedKeyThrottle } from './failedKeyThrottle.js';
import { parseOr400 } from './parseOr400.js';

/** Body of POST /api/admin/customers/{idOrDomain}/decision. */
const decisionBodySchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('Approved'),
      operator: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      status: z.literal('Denied'),
      reason: z.string().trim().min(1, { error: 'is required when denying' }).max(500),
      operator: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
]);

const listQuerySchema = z.object({
  status: z.enum(VETTING_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const outboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .optional(),
});

// Operator answers hold customer data and keys' verdicts: never cached anywhere.
const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export interface AdminRouteSettings {
  adminApiKey: string;
  log: Logger;
  throttle: FailedKeyThrottle;
  /** Api mode: Microsoft decides, through Partner Center; operators may not. */
  decisionsByPartnerCenter?: boolean;
}

/** The operator API's services: the review's decisions, the customer list, the outbox. */
interface AdminServices {
  customers: OperatorCustomers;
  vetting: Pick<VettingWorkflow, 'decide'>;
  outbox: OutboxOperations;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The operator endpoints (Microsoft's side of the review), on the admin listener. Every request
 * must present the ADMIN_API_KEY as a bearer token; wrong keys are throttled per address.
 */
export function registerAdminRoutes(
  server: Server,
  services: AdminServices,
  settings: AdminRouteSettings,
): void {
  const api = new AdminApi(services, settings);
  const routes: [method: 'get' | 'post', path: string, handler: Handler][] = [
    ['post', '/api/admin/customers/:idOrDomain/decision', api.decide],
    ['get', '/api/admin/customers', api.listCustomers],
    // Notifications waiting or parked as failed, and a retry of the failed ones.
    ['get', '/api/admin/outbox', api.listOutbox],
    ['post', '/api/admin/outbox/retry', api.retryOutbox],
  ];
  for (const [method, path, handler] of routes)
    server[method](path, async (req: Request, res: Response) => {
      if (api.authorized(req, res)) await handler(req, res);
    });
}

class AdminApi {
  // The operator API speaks English, from the same catalogue as the bot; codes stay stable.
  private readonly words = localizer('en');

  constructor(
    private readonly services: AdminServices,
    private readonly settings: AdminRouteSettings,
  ) {}

  /** The bearer key, throttled per address after wrong ones; answers 401 or 429 when refused. */
  authorized(req: Request, res: Response): boolean {
    const { adminApiKey, throttle, log } = this.settings;
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.waitMs(address);
    if (wait > 0) {
      res.header('Retry-After', String(Math.ceil(wait / 1000)));
      send(res, 429, {
        code: 'TooManyAttempts',
        message: this.words.t('admin.tooManyAttempts', { seconds: Math.ceil(wait / 1000) }),
      });
      return false;
    }
    if (hasBearerKey(req.header('authorization'), adminApiKey)) return true;
    const failures = throttle.recordFailure(address);
    // One line when an address starts failing and one when it is locked out: no log flood.
    if (failures === 1 || failures === throttle.limit) {
      log.warn(
        failures === 1
          ? 'operator API: wrong or missing key'
          : 'operator API: address throttled after repeated wrong keys',
        { address, method: req.method, url: req.url, failures },
      );
    }
    res.header('WWW-Authenticate', 'Bearer');
    send(res, 401, { code: 'Unauthorized', message: this.words.t('admin.unauthorized') });
    return false;
  }

  /** The body or query read by its schema; or undefined, once a 400 named each field at fault. */
  private read<T>(
    res: Response,
    schema: z.ZodType<T>,
    input: unknown,
    code: 'InvalidBody' | 'InvalidQuery',
    message: MessageKey,
  ): T | undefined {
    return parseOr400(schema, input, (error) =>
      send(res, 400, {
        code,
        message: this.words.t(message),
        issues: this.described(issuesFromZod(error, input)),
      }),
    );
  }

  private described(issues: Issue[]) {
    return issues.map((issue) => ({ ...issue, message: this.words.issue(issue) }));
  }

  /** POST /api/admin/customers/{idOrDomain}/decision: approve or deny a customer in review. */
  readonly decide: Handler = async (req, res) => {
    const { words } = this;
    if (this.settings.decisionsByPartnerCenter) {
      send(res, 409, {
        code: 'DecidedByPartnerCenter',
        message: words.t('admin.decidedByPartnerCenter'),
      });
      return;
    }
    const idOrDomain = (req.params as Record<string, string | undefined>).idOrDomain ?? '';
    const body = this.read(
      res,
      decisionBodySchema,
      req.body ?? {},
      'InvalidBody',
      'admin.invalidDecision',
    );
    if (!body) return;
    const { operator, ...outcome } = body;
    const by: ActorRef = {
      kind: 'operator',
      id: operator ?? 'operator',
      name: operator ?? 'Operator',
    };
    const result = await this.services.vetting.decide(by, idOrDomain, outcome);
    if (result.ok) {
      this.settings.log.info('operator decision', {
        customerId: result.value.customerId,
        status: outcome.status,
        operator: by.id,
      });
      send(res, 200, result.value);
      return;
    }
    const error = result.error;
    switch (error.code) {
      case 'notFound':
        send(res, 404, {
          code: 'CustomerNotFound',
          message: words.t('admin.customerNotFound', { customer: idOrDomain }),
        });
        return;
      case 'notInReview':
        send(res, 409, {
          code: 'NotInReview',
          status: error.status,
          message: words.t('admin.notInReview', { status: error.status }),
        });
        return;
      case 'validation':
        send(res, 400, {
          code: 'InvalidBody',
          message: words.t('admin.decisionNotValid'),
          issues: this.described(error.issues),
        });
        return;
      default:
        send(res, 500, { code: 'Unexpected', message: words.t('admin.unexpected') });
    }
  };

  /** GET /api/admin/customers: every partner's customers, a page at a time. */
  readonly listCustomers: Handler = async (req, res) => {
    const query = this.read(
      res,
      listQuerySchema,
      req.query ?? {},
      'InvalidQuery',
      'admin.invalidListQuery',
    );
    if (!query) return;
    const page = await this.services.customers.operatorList(stripUndefined(query));
    send(res, 200, { ...page, items: page.items.map(qualificationStatus) });
  };

  /** GET /api/admin/outbox: notifications waiting or parked as failed. */
  readonly listOutbox: Handler = async (req, res) => {
    const query = this.read(
      res,
      outboxQuerySchema,
      req.query ?? {},
      'InvalidQuery',
      'admin.invalidOutboxQuery',
    );
    if (!query) return;
    const { limit, cursor = 0 } = query;
    const all = await this.services.outbox.deliveries();
    const next = cursor + limit;
    send(res, 200, {
      deliveries: all.slice(cursor, next),
      total: all.length,
      ...(next < all.length ? { nextCursor: String(next) } : {}),
    });
  };

  /** POST /api/admin/outbox/retry: the failed notifications queued again. */
  readonly retryOutbox: Handler = async (_req, res) => {
    const retried = await this.services.outbox.retryFailed();
    this.settings.log.info('operator retried failed notifications', { retried });
    send(res, 200, { retried });
  };
}

const send = (res: Response, status: number, body: unknown): void => {
  res.send(status, body, NO_STORE);
};

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
