import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ConversationState } from 'botbuilder';
import { createAdapter } from './bot/adapter.js';
import { EducationBot } from './bot/educationBot.js';
import { PartnerUserDirectory } from './bot/identity.js';
import { FileStorage } from './bot/state/fileStorage.js';
import { registerMessagesRoute } from './server/messagesRoute.js';
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
  const directory = PartnerUserDirectory.load(config.partnerUsersFile, config.devIdentity);
  const store = LowdbCustomerStore.open(config.dataDir);
  const service = new PartnerCenterService({ store, log });
  const reviewer = config.vettingReviewSeconds > 0 ? new SimulatedReviewer(service, config.vettingReviewSeconds, log) : undefined;
  const conversationState = new ConversationState(new FileStorage(path.join(config.dataDir, 'bot-state')));
  const bot = new EducationBot({ service, directory, conversationState, log });
  const server = createHttpServer({ service, log, ...(config.adminApiKey ? { adminApiKey: config.adminApiKey } : {}) });
  registerMessagesRoute(server, createAdapter(config.bot, conversationState, log), bot);
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
  if (config.devIdentity) log.info('emulator mode: users not in the partner users file act as the development identity', config.devIdentity);
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
