import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { createHttpServer } from './server/httpServer.js';
import type { EducationCustomers } from './service/educationCustomers.js';
import { LowdbCustomerStore } from './service/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from './service/partnerCenterService.js';
import { SimulatedReviewer } from './service/simulatedReviewer.js';

export interface RunningApp {
  service: EducationCustomers;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978 */
  url: string;
  stop(): Promise<void>;
}

/** Opens the store, starts the reviewer and the HTTP server. Throws when the data cannot be used. */
export async function startApp(config: Config, log: Logger, host?: string): Promise<RunningApp> {
  const store = LowdbCustomerStore.open(config.dataDir);
  const service = new PartnerCenterService({ store, log });
  const reviewer = config.vettingReviewSeconds > 0 ? new SimulatedReviewer(service, config.vettingReviewSeconds, log) : undefined;
  const server = createHttpServer({ service, log, ...(config.adminApiKey ? { adminApiKey: config.adminApiKey } : {}) });
  try {
    await reviewer?.start();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => resolve());
    });
  } catch (error) {
    reviewer?.stop();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  if (!reviewer) log.info('simulated reviewer is off (VETTING_REVIEW_SECONDS=0): only operator decisions apply');
  if (!config.adminApiKey) log.info('operator endpoint is off (ADMIN_API_KEY unset)');
  return {
    service,
    url: `http://${host ?? '127.0.0.1'}:${port}`,
    async stop() {
      reviewer?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
