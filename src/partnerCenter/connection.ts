import type { Logger } from '../log.js';
import { PartnerCenterApi } from './partnerCenterApi.js';
import { PartnerCenterClient } from './partnerCenterClient.js';
import { PartnerCenterGateway } from './partnerCenterGateway.js';
import {
  httpTokenEndpoint,
  RefreshTokenCredential,
  type RefreshTokenStore,
} from './refreshToken.js';

/** The name the newest refresh token is kept under in the storage backend's secrets. */
export const REFRESH_TOKEN_KEY = 'partner-center-refresh-token';

/** What connecting to Partner Center takes (config.ts parses it from the environment). */
export interface PartnerCenterConnectionSettings {
  apiUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  concurrency: number;
  callsPerSecond: number;
}

export interface PartnerCenterConnection {
  gateway: PartnerCenterGateway;
  /** For /readyz: whether the last call got an answer. */
  reachable(): boolean;
}

/**
 * The real Partner Center: the credential (its refresh token kept in `tokens`), one client
 * whose limiter every call of this process shares, and the gateway the service calls.
 */
export function connectPartnerCenter(
  settings: PartnerCenterConnectionSettings,
  tokens: RefreshTokenStore,
  log: Logger,
): PartnerCenterConnection {
  const credential = new RefreshTokenCredential(settings, tokens, httpTokenEndpoint);
  const client = new PartnerCenterClient(
    {
      baseUrl: settings.apiUrl,
      limits: {
        concurrency: settings.concurrency,
        perSecond: settings.callsPerSecond,
        // A user waits at most this long for a turn among other calls.
        maxWaitMs: 20_000,
        maxQueued: 1_000,
      },
      deadlineMs: 20_000,
      maxAttempts: 4,
      maxRetryAfterSeconds: 60,
      backoffMs: 500,
    },
    credential,
    log,
  );
  return {
    gateway: new PartnerCenterGateway(new PartnerCenterApi(client), log),
    reachable: () => client.reachable,
  };
}
