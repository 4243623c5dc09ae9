import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { VETTING_STATUSES, type ActorRef } from '../domain/customer.js';
import { issuesFromZod } from '../domain/customerInput.js';
import type { OutboxOperations } from '../bot/notifications/notifier.js';
import type { EducationCustomers } from '../service/educationCustomers.js';
import { qualificationStatus } from '../service/qualificationStatus.js';
import type { Logger } from '../log.js';
import { hasBearerKey } from './bearerAuth.js';

/** Body of POST /api/admin/customers/{idOrDomain}/decision. */
export const decisionBodySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('Approved'), operator: z.string().trim().min(1).max(100).optional() }).strict(),
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

/**
 * The operator endpoints (Microsoft's side of the review). Registered only when an
 * ADMIN_API_KEY is configured; every request must present it as a bearer token.
 */
export function registerAdminRoutes(
  server: Server,
  { service, outbox }: { service: EducationCustomers; outbox: OutboxOperations },
  adminApiKey: string,
  log: Logger,
): void {
  const authorized = (req: Request, res: Response): boolean => {
    if (hasBearerKey(req.header('authorization'), adminApiKey)) return true;
    res.header('WWW-Authenticate', 'Bearer');
    res.send(401, { code: 'Unauthorized', message: 'Send the operator key as "Authorization: Bearer <ADMIN_API_KEY>".' });
    return false;
  };

  server.post('/api/admin/customers/:idOrDomain/decision', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const idOrDomain = String(req.params.idOrDomain ?? '');
    const body = decisionBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      res.send(400, {
        code: 'InvalidBody',
        message: 'Send {"status":"Approved"} or {"status":"Denied","reason":"…"}.',
        issues: issuesFromZod(body.error, req.body),
      });
      return;
    }
    const { operator, ...outcome } = body.data;
    const by: ActorRef = { kind: 'operator', id: operator ?? 'operator', name: operator ?? 'Operator' };
    const result = await service.decide(by, idOrDomain, outcome);
    if (result.ok) {
      log.info('operator decision', { customerId: result.value.customerId, status: outcome.status, operator: by.id });
      res.send(200, result.value);
      return;
    }
    const error = result.error;
    switch (error.code) {
      case 'notFound':
        res.send(404, { code: 'CustomerNotFound', message: `No customer has the id or domain "${idOrDomain}".` });
        return;
      case 'notInReview':
        res.send(409, { code: 'NotInReview', status: error.status, message: `The customer's qualification is ${error.status}, not InReview: there is no review to decide.` });
        return;
      case 'validation':
        res.send(400, { code: 'InvalidBody', message: 'The decision is not valid.', issues: error.issues });
        return;
      default:
        res.send(500, { code: 'Unexpected', message: 'The decision could not be recorded.' });
    }
  });

  // Notifications waiting or parked as failed, and a retry of the failed ones.
  server.get('/api/admin/outbox', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    res.send(200, { deliveries: await outbox.deliveries() });
  });

  server.post('/api/admin/outbox/retry', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const retried = await outbox.retryFailed();
    log.info('operator retried failed notifications', { retried });
    res.send(200, { retried });
  });

  server.get('/api/admin/customers', async (req: Request, res: Response) => {
    if (!authorized(req, res)) return;
    const query = listQuerySchema.safeParse(req.query ?? {});
    if (!query.success) {
      res.send(400, { code: 'InvalidQuery', message: 'Use ?status=InReview|Approved|Denied|None&limit=1..100&cursor=…', issues: issuesFromZod(query.error, req.query) });
      return;
    }
    const page = await service.operatorList(stripUndefined(query.data));
    res.send(200, { ...page, items: page.items.map(qualificationStatus) });
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
