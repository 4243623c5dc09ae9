import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { VETTING_STATUSES, type ActorRef } from '../domain/customer.js';
import { issuesFromZod } from '../domain/customerInput.js';
import type { Issue } from '../domain/issues.js';
import { localizer } from '../i18n/localizer.js';
import type { OutboxOperations } from '../bot/notifications/notifier.js';
import type { OperatorCustomers, VettingWorkflow } from '../service/educationCustomers.js';
import { qualificationStatus } from '../service/qualificationStatus.js';
import type { Logger } from '../log.js';
import { hasBearerKey } from './bearerAuth.js';
import type { FailedKeyThrottle } from './failedKeyThrottle.js';

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

/**
 * The operator endpoints (Microsoft's side of the review), on the admin listener. Every request
 * must present the ADMIN_API_KEY as a bearer token; wrong keys are throttled per address.
 */
export function registerAdminRoutes(
  server: Server,
  {
    service,
    outbox,
  }: { service: Pick<VettingWorkflow, 'decide'> & OperatorCustomers; outbox: OutboxOperations },
  { adminApiKey, log, throttle, decisionsByPartnerCenter = false }: AdminRouteSettings,
): void {
  const send = (res: Response, status: number, body: unknown): void => {
    res.send(status, body, NO_STORE);
  };
  // The operator API speaks English, from the same catalogue as the bot; codes stay stable.
  const l = localizer('en');
  const described = (issues: Issue[]) =>
    issues.map((issue) => ({ ...issue, message: l.issue(issue) }));

  const authorized = (req: Request, res: Response): boolean => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.waitMs(address);
    if (wait > 0) {
      res.header('Retry-After', String(Math.ceil(wait / 1000)));
      send(res, 429, {
        code: 'TooManyAttempts',
        message: l.t('admin.tooManyAttempts', { seconds: Math.ceil(wait / 1000) }),
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
        {
          address,
          method: req.method,
          url: req.url,
          failures,
        },
      );
    }
    res.header('WWW-Authenticate', 'Bearer');
    send(res, 401, { code: 'Unauthorized', message: l.t('admin.unauthorized') });
    return false;
  };

  server.post('/api/admin/customers/:idOrDomain/decision', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    if (decisionsByPartnerCenter) {
      send(res, 409, {
        code: 'DecidedByPartnerCenter',
        message: l.t('admin.decidedByPartnerCenter'),
      });
      return;
    }
    const idOrDomain = (req.params as Record<string, string | undefined>).idOrDomain ?? '';
    const body = decisionBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      send(res, 400, {
        code: 'InvalidBody',
        message: l.t('admin.invalidDecision'),
        issues: described(issuesFromZod(body.error, req.body)),
      });
      return;
    }
    const { operator, ...outcome } = body.data;
    const by: ActorRef = {
      kind: 'operator',
      id: operator ?? 'operator',
      name: operator ?? 'Operator',
    };
    const result = await service.decide(by, idOrDomain, outcome);
    if (result.ok) {
      log.info('operator decision', {
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
          message: l.t('admin.customerNotFound', { customer: idOrDomain }),
        });
        return;
      case 'notInReview':
        send(res, 409, {
          code: 'NotInReview',
          status: error.status,
          message: l.t('admin.notInReview', { status: error.status }),
        });
        return;
      case 'validation':
        send(res, 400, {
          code: 'InvalidBody',
          message: l.t('admin.decisionNotValid'),
          issues: described(error.issues),
        });
        return;
      default:
        send(res, 500, { code: 'Unexpected', message: l.t('admin.unexpected') });
    }
  });

  // Notifications waiting or parked as failed, and a retry of the failed ones.
  server.get('/api/admin/outbox', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const query = outboxQuerySchema.safeParse(req.query ?? {});
    if (!query.success) {
      send(res, 400, {
        code: 'InvalidQuery',
        message: l.t('admin.invalidOutboxQuery'),
        issues: described(issuesFromZod(query.error, req.query)),
      });
      return;
    }
    const { limit, cursor = 0 } = query.data;
    const all = await outbox.deliveries();
    const next = cursor + limit;
    send(res, 200, {
      deliveries: all.slice(cursor, next),
      total: all.length,
      ...(next < all.length ? { nextCursor: String(next) } : {}),
    });
  });

  server.post('/api/admin/outbox/retry', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const retried = await outbox.retryFailed();
    log.info('operator retried failed notifications', { retried });
    send(res, 200, { retried });
  });

  server.get('/api/admin/customers', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const query = listQuerySchema.safeParse(req.query ?? {});
    if (!query.success) {
      send(res, 400, {
        code: 'InvalidQuery',
        message: l.t('admin.invalidListQuery'),
        issues: described(issuesFromZod(query.error, req.query)),
      });
      return;
    }
    const page = await service.operatorList(stripUndefined(query.data));
    send(res, 200, { ...page, items: page.items.map(qualificationStatus) });
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
