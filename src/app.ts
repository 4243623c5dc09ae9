import { randomUUID } from 'node:crypto';
import { PrivateConversationState } from 'botbuilder';
import type { ImportDoor } from './bot/imports.js';
import { ImportProgress } from './bot/notifications/importProgress.js';
import { SlidingWindowLimiter, TEAMS_PER_CONVERSATION } from './bot/notifications/rateLimiter.js';
import { downloadFile, isTeamsFileUrl } from './import/fileDownload.js';
import { ImportJobs } from './import/importJobs.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import/readSpreadsheet.js';
import { templatePath } from './server/importTemplateRoute.js';
import { createAdapter } from './bot/adapter.js';
import { EducationBot } from './bot/educationBot.js';
import { PartnerUserDirectory } from './bot/identity.js';
import { registerMessagesRoute } from './server/messagesRoute.js';
import { ConversationDirectory } from './bot/conversations.js';
import { Notifier, type NotifierSettings } from './bot/notifications/notifier.js';
import { CloudAdapterSender } from './bot/notifications/sender.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { Logger } from './log.js';
import type { Server } from 'restify';
import {
  createAdminHttpServer,
  createHttpServer,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
} from './server/httpServer.js';
import type { FailedKeyThrottleSettings } from './server/failedKeyThrottle.js';
import { isLoopbackHost } from './server/loopback.js';
import { readinessCheck } from './server/readiness.js';
import type { EducationServices } from './service/educationCustomers.js';
import { PartnerCenterService } from './service/partnerCenterService.js';
import { SimulatedReviewer } from './service/simulatedReviewer.js';
import { openStorage, type StorageTuning } from './storage/openStorage.js';
import type { StorageBackend } from './storage/ports/storageBackend.js';
import { connectPartnerCenter, REFRESH_TOKEN_KEY } from './partnerCenter/connection.js';
import type { RefreshTokenStore } from './partnerCenter/refreshToken.js';
import { SsoTokenVerifier } from './server/tab/ssoTokens.js';
import { customerPageLink, importPageLink } from './server/tab/tabLinks.js';
import {
  developmentAuthenticator,
  ssoAuthenticator,
  type TabAuthenticator,
} from './server/tab/tabAuth.js';
import {
  DEFAULT_TAB_EVENT_SETTINGS,
  TabEventStreams,
  type TabEventSettings,
} from './server/tab/tabEvents.js';

/** A file Teams gives the bot is downloaded at once; a download that takes longer is given up. */
const IMPORT_DOWNLOAD_TIMEOUT_MS = 30_000;

/** Partner Center's newest refresh token, kept in the storage backend's secrets. */
function keptRefreshToken(secrets: StorageBackend['secrets'], clock: Clock): RefreshTokenStore {
  return {
    read: async () => (await secrets.get(REFRESH_TOKEN_KEY))?.value,
    write: async (value) => {
      await secrets.update(REFRESH_TOKEN_KEY, () => ({
        key: REFRESH_TOKEN_KEY,
        value,
        keptAt: clock().toISOString(),
      }));
    },
  };
}

export interface RunningApp {
  service: EducationServices;
  /** Base URL of the public listener, e.g. http://127.0.0.1:3978 */
  url: string;
  /** Base URL of the operator API's own listener; unset when ADMIN_API_KEY is. */
  adminUrl?: string;
  stop(): Promise<void>;
}

/** Settings that are not configuration: tests shorten retries and timeouts with them. */
export interface AppTuning {
  notifier?: Partial<NotifierSettings>;
  /** How long a proactive send may take before it counts as failed. */
  sendTimeoutMs?: number;
  tabEvents?: Partial<TabEventSettings>;
  storage?: StorageTuning;
  /** Wrong operator keys allowed per address and window. */
  adminThrottle?: Partial<FailedKeyThrottleSettings>;
  /** Request timeouts and connection counts of both listeners. */
  server?: Partial<ServerLimits>;
  /** The business clock (records, reviews, dates shown); tests set the day they live on. */
  clock?: Clock;
  /** How often an import's progress card may change. */
  importProgressIntervalMs?: number;
}

/** Single sign-on when an app registration is configured; else development mode, if the bot has a development identity. */
function createTabAuthenticator(
  config: Config,
  directory: PartnerUserDirectory,
  log: Logger,
): TabAuthenticator | undefined {
  if (config.tabSso) {
    const verifier = new SsoTokenVerifier(
      config.tabSso,
      (tenantId) => directory.hasTenant(tenantId),
      (refusal, detail) => log.info('tab sign-in refused', { refusal, detail }),
    );
    log.info('personal tab: single sign-on', {
      clientId: config.tabSso.clientId,
      appIdUri: config.tabSso.appIdUri,
    });
    return ssoAuthenticator(verifier, directory);
  }
  if (config.devIdentity) {
    log.info(
      'personal tab: development mode (AAD_APP_CLIENT_ID unset): its API answers only requests from this machine, as the development identity',
      config.devIdentity,
    );
    return developmentAuthenticator(directory);
  }
  log.warn(
    'personal tab is off: set AAD_APP_CLIENT_ID and AAD_APP_ID_URI (single sign-on) to serve it with real credentials',
  );
  return undefined;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { address, family, port: bound } = server.address();
      // Every interface includes loopback: the URL names one a client on this machine can use.
      const reachable = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
      resolve(`http://${family === 'IPv6' ? `[${reachable}]` : reachable}:${bound}`);
    });
  });
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
  });

/** Says at start-up what this mode exposes, when it is more than this machine. */
function warnAboutExposure(config: Config, log: Logger): void {
  if (isLoopbackHost(config.host)) return;
  if (!config.bot) {
    log.warn(
      `HOST=${config.host}: the bot listens beyond this machine without credentials (emulator mode). It still answers only activities whose serviceUrl is on this machine, and the tab only local requests; set MicrosoftAppId to authenticate every request.`,
    );
  } else
    log.info(
      `HOST=${config.host}: listening beyond this machine; every activity must carry a Bot Framework token`,
    );
}

/**
 * Api mode acts in one partner's Partner Center: a user of another partner listed in the users
 * file would create and read customers there. Each partner gets its own deployment.
 */
function refuseOtherPartners(config: Config, directory: PartnerUserDirectory): void {
  const connected = config.partnerCenter?.tenantId;
  if (!connected) return;
  const others = directory.tenantIds.filter((t) => t.toLowerCase() !== connected.toLowerCase());
  if (others.length > 0)
    throw new Error(
      `PARTNER_CENTER=api acts in the Partner Center of tenant ${connected}, but PARTNER_USERS_FILE also lists ${others.join(', ')}: their users would act there too. List only that partner, and give each other partner its own deployment.`,
    );
}

/** Opens the store, starts the notifier, the reviewer and the listeners. Throws when the data cannot be used. */
export async function startApp(
  config: Config,
  log: Logger,
  tuning: AppTuning = {},
): Promise<RunningApp> {
  const directory = PartnerUserDirectory.load(config.partnerUsersFile, config.devIdentity);
  refuseOtherPartners(config, directory);
  const clock = tuning.clock ?? systemClock;
  const storage = await openStorage(config, log, clock, tuning.storage);
  const conversations = new ConversationDirectory(
    storage.conversations,
    clock,
    config.bot ? undefined : config.limits.emulatorConversationsPerTenant,
  );
  // Api mode: Microsoft decides, through Partner Center, which the service asks (no simulated reviewer).
  const partnerCenter = config.partnerCenter
    ? connectPartnerCenter(config.partnerCenter, keptRefreshToken(storage.secrets, clock), log)
    : undefined;
  const service = new PartnerCenterService({
    store: storage.customers,
    log,
    now: clock,
    ...(partnerCenter && config.partnerCenter
      ? {
          partnerCenter: {
            gateway: partnerCenter.gateway,
            poll: {
              firstSeconds: config.partnerCenter.pollSeconds,
              maxSeconds: Math.max(
                config.partnerCenter.pollSeconds,
                config.partnerCenter.pollMaxSeconds,
              ),
              batch: 20,
            },
          },
        }
      : {}),
  });
  const reviewer =
    !partnerCenter && config.vettingReviewSeconds > 0
      ? new SimulatedReviewer(service, config.vettingReviewSeconds, log, storage.reviews)
      : undefined;
  // Forms are per person: keyed by conversation and user, so several people can add customers
  // at once in one chat, and nobody acts on another's form.
  const formState = new PrivateConversationState(storage.botState);
  const adapter = createAdapter(config.bot, log);
  const sender = new CloudAdapterSender(
    adapter,
    config.bot?.appId ?? '',
    tuning.sendTimeoutMs ?? 15_000,
    (outcome) => log.warn('could not update the submitted card with the decision', { outcome }),
  );
  const { customers, vetting, events } = service;
  // Teams' per-conversation budget, one for everything written to a chat outside a turn.
  const perConversation = new SlidingWindowLimiter(
    tuning.notifier?.perConversation ?? TEAMS_PER_CONVERSATION,
  );
  const importJobs = new ImportJobs({
    jobs: storage.importJobs,
    rows: storage.importRows,
    customers,
    vetting,
    clock,
    log,
    newId: randomUUID,
  });
  const importLimits: ImportLimits = {
    ...DEFAULT_IMPORT_LIMITS,
    maxBytes: config.limits.importMaxBytes,
    maxRows: config.limits.importMaxRows,
    maxUnzippedBytes: config.limits.importMaxUnzippedBytes,
  };
  // Links in cards: PUBLIC_URL, or in emulator mode this machine's listener (set once listening).
  let publicUrl = config.publicUrl;
  const imports: ImportDoor = {
    jobs: importJobs,
    limits: importLimits,
    download: (address) =>
      downloadFile(address, {
        allows: config.bot ? isTeamsFileUrl : (url) => isLoopbackHost(url.hostname),
        maxBytes: importLimits.maxBytes,
        timeoutMs: IMPORT_DOWNLOAD_TIMEOUT_MS,
      }),
    templateUrl: (language, format) =>
      publicUrl ? `${publicUrl}${templatePath(format, language)}` : undefined,
  };
  const importProgress = new ImportProgress({
    jobs: importJobs,
    tabLink: (jobId) =>
      importPageLink(
        { teamsAppId: config.teamsAppId, credentials: config.bot !== undefined, publicUrl },
        jobId,
      ),
    conversations,
    sender,
    perConversation,
    log,
    ...(tuning.importProgressIntervalMs !== undefined
      ? { minIntervalMs: tuning.importProgressIntervalMs }
      : {}),
  });
  const notifier = new Notifier({
    events,
    customers,
    conversations,
    outbox: storage.deliveries,
    sender,
    log,
    now: clock,
    perConversation,
    ...(tuning.notifier ? { settings: tuning.notifier } : {}),
  });
  const bot = new EducationBot({
    customers,
    vetting,
    directory,
    conversations,
    formState,
    now: clock,
    imports,
    // The link leads to the tab: none where the tab is not served.
    customerPageUrl: (id) =>
      tabAuthenticator
        ? customerPageLink({ credentials: config.bot !== undefined, publicUrl }, id)
        : undefined,
  });
  const tabAuthenticator = createTabAuthenticator(config, directory, log);
  const tabEvents = tabAuthenticator
    ? new TabEventStreams(
        events,
        log,
        {
          ...DEFAULT_TAB_EVENT_SETTINGS,
          perUser: config.limits.tabStreamsPerUser,
          total: config.limits.tabStreamsTotal,
          ...tuning.tabEvents,
        },
        importJobs,
      )
    : undefined;
  const limits: ServerLimits = {
    ...DEFAULT_SERVER_LIMITS,
    maxConnections: config.limits.maxConnections,
    requestTimeoutMs: config.limits.requestTimeoutSeconds * 1000,
    ...tuning.server,
  };
  const readiness = readinessCheck({
    probeStorage: () => storage.probe(),
    notifier: () => notifier.health(),
    ...(partnerCenter ? { partnerCenter: () => partnerCenter.reachable() } : {}),
    onProblem: (what, error) =>
      log.warn('not ready', { problem: what, ...(error ? { error } : {}) }),
  });
  const server = createHttpServer({
    customers,
    log,
    limits,
    readiness,
    links: { teamsAppId: config.teamsAppId, credentials: config.bot !== undefined },
    ...(tabAuthenticator && tabEvents
      ? {
          tab: {
            authenticator: tabAuthenticator,
            events: tabEvents,
            imports: {
              jobs: importJobs,
              customers,
              limits: importLimits,
              personalChat: (user) => conversations.personalChatOf(user.tenantId, user.id),
            },
            ...(config.bot ? { botAppId: config.bot.appId } : {}),
          },
        }
      : {}),
  });
  // With credentials the token decides who may post, and only the configured channels are taken;
  // without, replies may go only to this machine.
  registerMessagesRoute(
    server,
    adapter.processor((context, activity, log) => bot.run(context, activity, log)),
    config.bot
      ? {
          allowedChannels: config.allowedChannels,
          channelTokens: true,
          loopbackServiceUrlOnly: false,
        }
      : { loopbackServiceUrlOnly: true },
    log,
  );
  const adminServer = config.adminApiKey
    ? createAdminHttpServer({
        customers,
        vetting,
        log,
        outbox: notifier,
        adminApiKey: config.adminApiKey,
        limits,
        decisionsByPartnerCenter: partnerCenter !== undefined,
        ...(tuning.adminThrottle ? { throttle: tuning.adminThrottle } : {}),
      })
    : undefined;
  // What has started, stopped in the reverse order by a failed start and by stop() alike.
  const closers: (() => Promise<void> | void)[] = [() => storage.close()];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  let url: string;
  let adminUrl: string | undefined;
  try {
    await notifier.start();
    closers.push(() => notifier.stop());
    importProgress.start();
    closers.push(() => importProgress.stop());
    // Imports that were running when the process stopped go on where they were.
    await importJobs.resume();
    closers.push(() => importJobs.stop());
    if (tabEvents) closers.push(() => tabEvents.close());
    if (reviewer) {
      await reviewer.start();
      closers.push(() => reviewer.stop());
    }
    const poller = service.poller;
    if (poller) {
      await poller.start();
      closers.push(() => poller.stop());
    }
    url = await listen(server, config.port, config.host);
    if (!config.bot) publicUrl ??= url;
    closers.push(() => close(server));
    if (adminServer) {
      adminUrl = await listen(adminServer, config.adminPort, config.adminHost);
      closers.push(() => close(adminServer));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  warnAboutExposure(config, log);
  if (service.poller)
    log.info("decisions are Microsoft's, read from Partner Center (PARTNER_CENTER=api)");
  else if (!reviewer)
    log.info('simulated reviewer is off (VETTING_REVIEW_SECONDS=0): only operator decisions apply');
  if (adminUrl) log.info(`operator API listening on ${adminUrl}`);
  else log.info('operator API is off (ADMIN_API_KEY unset)');
  if (config.devIdentity)
    log.info(
      'emulator mode: users not in the partner users file act as the development identity',
      config.devIdentity,
    );
  return {
    service,
    url,
    ...(adminUrl ? { adminUrl } : {}),
    stop: closeAll,
  };
}
