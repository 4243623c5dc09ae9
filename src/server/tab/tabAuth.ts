import { LOCAL_TENANT, type PartnerUserDirectory } from '../../bot/identity.js';
import { hostOfHeader, isLoopback, isLoopbackHost } from '../loopback.js';
import type { MessageKey } from '../../i18n/catalogues/en.js';
import { fail, ok, type Result } from '../../domain/result.js';
import type { PartnerUser } from '../../domain/roles.js';
import type { SsoTokenVerifier, TokenRefusal } from './ssoTokens.js';

/** Who is calling the tab's API, in the two modes the tab runs in. */

export interface TabCaller {
  user: PartnerUser;
  /** When the caller's token expires (ms since the epoch): a live stream ends then. */
  expiresAt?: number;
}

interface TabAuthFailure {
  status: 401 | 403 | 503;
  /** The page shows this message. */
  message: MessageKey;
}

/** What authentication needs of a request: nothing restify-specific. */
interface TabRequestCredentials {
  authorization?: string;
  remoteAddress?: string;
  /** The Host header: a browser tricked by DNS rebinding sends the attacker's name. */
  host?: string;
  /** The request came through a proxy or tunnel (Forwarded / X-Forwarded-* headers). */
  forwarded?: boolean;
  /** Development mode only: whose customers to show (`?tenant=`); the Agents Playground has its own tenant. */
  developmentTenant?: string;
}

export interface TabAuthenticator {
  mode: 'teams' | 'development';
  authenticate(request: TabRequestCredentials): Promise<Result<TabCaller, TabAuthFailure>>;
}

const REFUSALS: Record<TokenRefusal, TabAuthFailure> = {
  missing: { status: 401, message: 'tab.error.signIn' },
  malformed: { status: 401, message: 'tab.error.token' },
  invalid: { status: 401, message: 'tab.error.token' },
  expired: { status: 401, message: 'tab.error.token' },
  unknownTenant: { status: 403, message: 'forbidden.noRole' },
  keysUnavailable: { status: 503, message: 'tab.error.keys' },
};

/** In Teams: the SSO token decides who the caller is; the users file decides their role. */
export function ssoAuthenticator(
  verifier: SsoTokenVerifier,
  directory: PartnerUserDirectory,
): TabAuthenticator {
  return {
    mode: 'teams',
    async authenticate({ authorization }) {
      const verified = await verifier.verify(authorization);
      if (!verified.ok) return fail(REFUSALS[verified.error]);
      const { tenantId, objectId, name, expiresAt } = verified.value;
      const user = directory.resolve(
        { id: objectId, aadObjectId: objectId, name, tenantId },
        { allowDevelopmentIdentity: false },
      );
      return ok({ user, expiresAt: expiresAt * 1000 });
    },
  };
}

/**
 * Without an app registration (local development): only this machine may call, and it acts as
 * the development identity in the local tenant (the Emulator's), or the one `?tenant=` names.
 */
export function developmentAuthenticator(directory: PartnerUserDirectory): TabAuthenticator {
  return {
    mode: 'development',
    async authenticate({ remoteAddress, host, forwarded, developmentTenant }) {
      // A tunnel or reverse proxy on this machine connects from loopback too: only a direct,
      // local request, addressed to a local name, is this machine's developer.
      if (!isLoopback(remoteAddress) || forwarded || !isLoopbackHost(hostOfHeader(host)))
        return fail({ status: 403, message: 'tab.error.notLoopback' });
      return ok({
        user: directory.resolve({
          id: 'development-user',
          name: 'Developer',
          tenantId: developmentTenant ?? LOCAL_TENANT,
        }),
      });
    },
  };
}
