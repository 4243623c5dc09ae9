import type { AddressInfo } from 'node:net';
import { ConversationState } from 'botbuilder';
import { createAdapter } from './bot/adapter.js';
import { EducationBot } from './bot/educationBot.js';
import { PartnerUserDirectory } from './bot/identity.js';
import { registerMessagesRoute } from './server/messagesRoute.js';
import { ConversationDirectory } from './bot/notifications/conversations.js';
import { Notifier, type NotifierSettings } from './bot/notifications/notifier.js';
import { CloudAdapterSender } from './bot/notifications/sender.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { Logger } from './log.js';
import { createHttpServer } from './server/httpServer.js';
import type { EducationCustomers } from './service/educationCustomers.js';
import { PartnerCenterService } from './service/partnerCenterService.js';
import { SimulatedReviewer } from './service/simulatedReviewer.js';
import { openStorage, type StorageTuning } from './storage.js';
import { SsoTokenVerifier } from './server/tab/ssoTokens.js';
import { developmentAuthenticator, ssoAuthenticator, type TabAuthenticator } from './server/tab/tabAuth.js';
import { TabEventStreams, type TabEventSettings } from './server/tab/tabEvents.js';

export interface RunningApp {
  service: EducationCustomers;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3978 */
  url: string;
  stop(): Promise<void>;
}

/** Settings that are not configuration: tests shorten retries and timeouts with them. */
export interface AppTuning {
  notifier?: Partial<NotifierSettings>;
  /** How long a proactive send may take before it counts as failed. */
  sendTimeoutMs?: number;
  tabEvents?: TabEventSettings;
  storage?: StorageTuning;
  /** The business clock (records, reviews, dates shown); tests set the day they live on. */
  clock?: Clock;
}

/** Single sign-on when an app registration is configured; else development mode, if the bot has a development identity. */
function createTabAuthenticator(config: Config, directory: PartnerUserDirectory, log: Logger): TabAuthenticator | undefined {
  if (config.tabSso) {
    const verifier = new SsoTokenVerifier(config.tabSso, (tenantId) => directory.hasTenant(tenantId), (refusal, detail) =>
      log.info('tab sign-in refused', { refusal, detail }),
    );
    log.info('personal tab: single sign-on', { clientId: config.tabSso.clientId, appIdUri: config.tabSso.appIdUri });
    return ssoAuthenticator(verifier, directory);
  }
  if (config.devIdentity) {
    log.info('personal tab: development mode (AAD_APP_CLIENT_ID unset): its API answers only requests from this machine, as the development identity', config.devIdentity);
    return developmentAuthenticator(directory);
  }
  log.warn('personal tab is off: set AAD_APP_CLIENT_ID and AAD_APP_ID_URI (single sign-on) to serve it with real credentials');
  return undefined;
}

/** Opens the store, starts the notifier, the reviewer and the HTTP server. Throws when the data cannot be used. */
export async function startApp(config: Config, log: Logger, host?: string, tuning: AppTuning = {}): Promise<RunningApp> {
  const directory = PartnerUserDirectory.load(config.partnerUsersFile, config.devIdentity);
  const clock = tuning.clock ?? systemClock;
  const storage = await openStorage(config, log, clock, tuning.storage);
  const conversations = new ConversationDirectory(storage.conversations, clock);
  const service = new PartnerCenterService({ store: storage.customers, log, now: clock });
  const reviewer = config.vettingReviewSeconds > 0 ? new SimulatedReviewer(service, config.vettingReviewSeconds, log, storage.reviews) : undefined;
  const conversationState = new ConversationState(storage.botState);
  const adapter = createAdapter(config.bot, conversationState, log);
  const sender = new CloudAdapterSender(adapter, config.bot?.appId ?? '', tuning.sendTimeoutMs ?? 15_000, (error) =>
    log.warn('could not update the submitted card with the decision', { error }),
  );
  const notifier = new Notifier({ service, conversations, outbox: storage.deliveries, sender, log, now: clock, ...(tuning.notifier ? { settings: tuning.notifier } : {}) });
  const bot = new EducationBot({ service, directory, conversations, conversationState, log, now: clock });
  const tabAuthenticator = createTabAuthenticator(config, directory, log);
  const tabEvents = tabAuthenticator ? new TabEventStreams(service, log, tuning.tabEvents) : undefined;
  const server = createHttpServer({
    service,
    log,
    outbox: notifier,
    ...(config.adminApiKey ? { adminApiKey: config.adminApiKey } : {}),
    ...(tabAuthenticator && tabEvents
      ? { tab: { authenticator: tabAuthenticator, events: tabEvents, ...(config.bot ? { botAppId: config.bot.appId } : {}) } }
      : {}),
  });
  registerMessagesRoute(server, adapter, bot);
  try {
    await notifier.start();
    await reviewer?.start();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => resolve());
    });
  } catch (error) {
    await reviewer?.stop();
    tabEvents?.close();
    await notifier.stop();
    await storage.close();
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
      await reviewer?.stop();
      tabEvents?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await notifier.stop();
      await storage.close();
    },
  };
}
