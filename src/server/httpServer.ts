import restify, { type Request, type Response, type Server } from 'restify';
import type { OutboxOperations } from '../bot/notifications/notifier.js';
import type { EducationCustomers } from '../service/educationCustomers.js';
import type { Logger } from '../log.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { registerTabPage } from './tab/tabPage.js';
import { registerTabRoutes, type TabRoutesOptions } from './tab/tabRoutes.js';

export interface HttpServerOptions {
  service: EducationCustomers;
  log: Logger;
  /** The notification outbox, for operators. */
  outbox: OutboxOperations;
  /** Unset: the operator endpoints are not served. */
  adminApiKey?: string;
  /** Unset: the personal tab is not served. */
  tab?: Omit<TabRoutesOptions, 'service' | 'log'>;
}

/** The bot's one HTTP server. Routes are added here; wiring and listening are the caller's. */
export function createHttpServer({ service, log, outbox, adminApiKey, tab }: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'edu-onboarding-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  if (adminApiKey) registerAdminRoutes(server, { service, outbox }, adminApiKey, log);
  if (tab) {
    registerTabPage(server);
    registerTabRoutes(server, { ...tab, service, log });
  }

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) log.error('request failed', { method: req.method, url: req.url, error });
    callback();
  });
  return server;
}
