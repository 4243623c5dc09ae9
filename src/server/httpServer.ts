import './restifyCompat.js';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { OutboxOperations } from '../bot/notifications/notifier.js';
import { DEFAULT_LIMITS } from '../config.js';
import type { Logger } from '../log.js';
import type {
  OperatorCustomers,
  PartnerCustomers,
  VettingWorkflow,
} from '../service/educationCustomers.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { FailedKeyThrottle, type FailedKeyThrottleSettings } from './failedKeyThrottle.js';
import { registerImportTemplateRoute } from './importTemplateRoute.js';
import { registerTabPage } from './tab/tabPage.js';
import { registerCustomerLinkRoute, type TabLinkSettings } from './tab/tabLinks.js';
import { registerTabRoutes, type TabRoutesOptions } from './tab/tabRoutes.js';
import { TAB_UPLOAD_PATH } from './tab/tabImportRoutes.js';
import { DEFAULT_MAX_BODY_BYTES, discardBody, readJsonBody } from './requestBody.js';
import type { Readiness } from './readiness.js';
import { sendRefusal } from './refusal.js';

/** How much one client may hold of the server: every wait and every count is bounded. */
export interface ServerLimits {
  /** Whole request, headers and body (Node's default is 300 s). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after it. */
  keepAliveTimeoutMs: number;
  maxConnections: number;
  maxBodyBytes: number;
  /** How often Node looks for requests past their timeouts (its default, 30 s, lets them run that much longer). */
  connectionsCheckingIntervalMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: DEFAULT_LIMITS.requestTimeoutSeconds * 1000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: DEFAULT_LIMITS.maxConnections,
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  connectionsCheckingIntervalMs: 2_000,
};

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A restify server with our body reader, bounded waits and connections, and 5xx logged once
 * without internals in the answer. Routes are the caller's.
 */
function createHardenedServer(
  name: string,
  log: Logger,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
  /** Routes that read their own body (a file), with their own bounds: left unread here. */
  ownBodyRoutes: readonly string[] = [],
): Server {
  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  const http = server.server;
  http.requestTimeout = limits.requestTimeoutMs;
  http.headersTimeout = limits.headersTimeoutMs;
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
  http.maxConnections = limits.maxConnections;
  // Read when the server starts listening.
  (http as { connectionsCheckingInterval?: number }).connectionsCheckingInterval =
    limits.connectionsCheckingIntervalMs;

  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use((req: Request, res: Response, next: Next) => {
    const route = req.getRoute() as { path?: unknown } | undefined;
    if (
      !METHODS_WITH_BODY.has(req.method ?? '') ||
      (typeof route?.path === 'string' && ownBodyRoutes.includes(route.path))
    ) {
      next();
      return;
    }
    void (async () => {
      const result = await readJsonBody(req, limits.maxBodyBytes);
      if (result.ok) {
        req.body = result.value;
        next();
        return;
      }
      // A refused body of a bounded size is read and dropped, so the client reads the answer;
      // a larger one stays unread and the connection goes with the answer.
      const drained =
        result.error.status !== 413 &&
        !req.readableEnded &&
        (await discardBody(req, limits.maxBodyBytes));
      if (!drained) res.header('Connection', 'close');
      sendRefusal(res, result.error);
      next(false);
      return;
    })();
  });

  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      error: Error & { statusCode?: number },
      callback: () => void,
    ) => {
      if ((error.statusCode ?? 500) >= 500)
        log.error('request failed', { method: req.method, url: req.url, error: error.message });
      callback();
    },
  );
  return server;
}

export interface HttpServerOptions {
  customers: PartnerCustomers;
  log: Logger;
  /** Unset: the personal tab is not served. */
  tab?: Omit<TabRoutesOptions, 'customers' | 'log'>;
  limits?: ServerLimits;
  /** Unset: /readyz answers as /healthz does. */
  readiness?: () => Promise<Readiness>;
  /** Where a customer's shareable link (/customers/<id>) leads; with the tab only. */
  links?: Omit<TabLinkSettings, 'publicUrl'>;
}

/**
 * The public listener: /api/messages (added by the caller), /healthz, /readyz, the import
 * template and the tab.
 */
export function createHttpServer({
  customers,
  log,
  tab,
  limits,
  readiness,
  links,
}: HttpServerOptions): Server {
  const server = createHardenedServer(
    'edu-onboarding-bot',
    log,
    limits,
    tab?.imports ? [TAB_UPLOAD_PATH] : [],
  );
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const state = readiness ? await readiness() : { ready: true, problems: [] };
    res.header('Cache-Control', 'no-store');
    res.send(state.ready ? 200 : 503, {
      status: state.ready ? 'ready' : 'not ready',
      ...(state.ready ? {} : { problems: state.problems }),
    });
  });
  registerImportTemplateRoute(server);
  if (tab) {
    registerTabPage(server);
    registerTabRoutes(server, { ...tab, customers, log });
    registerCustomerLinkRoute(server, links ?? { credentials: false });
  }
  return server;
}

export interface AdminServerOptions {
  customers: OperatorCustomers;
  vetting: Pick<VettingWorkflow, 'decide'>;
  log: Logger;
  /** The notification outbox, for operators. */
  outbox: OutboxOperations;
  adminApiKey: string;
  limits?: ServerLimits;
  throttle?: Partial<FailedKeyThrottleSettings>;
  /** Api mode: decisions are Microsoft's, read from Partner Center; the decision route refuses. */
  decisionsByPartnerCenter?: boolean;
}

/** The operator API on a listener of its own (loopback by default), never beside the public routes. */
export function createAdminHttpServer({
  customers,
  vetting,
  log,
  outbox,
  adminApiKey,
  limits,
  throttle,
  decisionsByPartnerCenter = false,
}: AdminServerOptions): Server {
  const server = createHardenedServer('edu-onboarding-bot-admin', log, limits);
  registerAdminRoutes(
    server,
    { customers, vetting, outbox },
    { adminApiKey, log, throttle: new FailedKeyThrottle(throttle), decisionsByPartnerCenter },
  );
  return server;
}
