import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { GUID_PATTERN, type TabSsoSettings } from '../../config.js';
import { fail, ok, type Result } from '../../domain/result.js';

/**
 * Checks the SSO token Teams gives the tab (`authentication.getAuthToken`): signed by one of the
 * tenant's keys, issued for that tenant, meant for this app, not expired, with the scope Teams
 * asks for. Nothing from the page is trusted beyond what the signature covers.
 */

export interface SsoIdentity {
  tenantId: string;
  objectId: string;
  name: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export type TokenRefusal =
  | 'missing'
  | 'malformed'
  /** The token's tenant is not a partner in the users file: its keys are never fetched. */
  | 'unknownTenant'
  | 'expired'
  | 'invalid'
  /** The tenant's signing keys could not be fetched: not the caller's fault. */
  | 'keysUnavailable';

/** What the API reads from a verified token (the signature covers them; their shape is still checked). */
const claimsSchema = z.object({
  oid: z.string().min(1),
  scp: z.string(),
  exp: z.number(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  /** The client application the token was issued to: v2 tokens say azp, v1 tokens appid. */
  azp: z.string().optional(),
  appid: z.string().optional(),
});

const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
/** The scope Teams Toolkit's app registration exposes and Teams requests for the tab. */
const TAB_SCOPE = 'access_as_user';

/** jose loads with the first token (~20 ms of start-up otherwise, for a tab most bots never open). */
let joseLoaded: Promise<typeof import('jose')> | undefined;
const jose = () => (joseLoaded ??= import('jose'));

export class SsoTokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly settings: TabSsoSettings,
    private readonly isKnownTenant: (tenantId: string) => boolean,
    private readonly onRejected: (refusal: TokenRefusal, detail: string) => void = () => {},
  ) {}

  async verify(authorization: string | undefined): Promise<Result<SsoIdentity, TokenRefusal>> {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return this.refuse(authorization ? 'malformed' : 'missing', 'no bearer token');
    const { createRemoteJWKSet, decodeJwt, errors, jwtVerify } = await jose();
    let tenantId: string | undefined;
    try {
      const claimed = decodeJwt(token).tid;
      tenantId =
        typeof claimed === 'string' && GUID_PATTERN.test(claimed)
          ? claimed.toLowerCase()
          : undefined;
    } catch {
      return this.refuse('malformed', 'not a JWT');
    }
    if (!tenantId) return this.refuse('malformed', 'no tenant id');
    if (!this.isKnownTenant(tenantId)) return this.refuse('unknownTenant', tenantId);

    const { clientId, appIdUri, authorityHost } = this.settings;
    try {
      const keys = this.keysOf(tenantId, createRemoteJWKSet);
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [appIdUri, clientId],
        // v2 tokens name the authority; v1 tokens (Teams' default) the security token service.
        issuer: [
          `${authorityHost}/${tenantId}/v2.0`,
          ...(authorityHost === PUBLIC_AUTHORITY ? [`https://sts.windows.net/${tenantId}/`] : []),
        ],
        requiredClaims: ['exp', 'oid', 'tid'],
        clockTolerance: 60,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success)
        return this.refuse(
          'invalid',
          `claims: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`,
        );
      const { scp, oid, name, preferred_username: username, exp, azp, appid } = claims.data;
      if (!scp.split(' ').includes(TAB_SCOPE))
        return this.refuse('invalid', `scope ${scp} lacks ${TAB_SCOPE}`);
      // A token this API accepts must have been asked for by Teams, not by any app a user consented to.
      const client = (azp ?? appid ?? '').toLowerCase();
      if (!this.settings.allowedClientAppIds.includes(client))
        return this.refuse('invalid', `issued to client ${client || '(none)'}, not a Teams client`);
      return ok({ tenantId, objectId: oid, name: name || username || oid, expiresAt: exp });
    } catch (error) {
      if (error instanceof errors.JWTExpired) return this.refuse('expired', error.message);
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
        return this.refuse('invalid', `${error.code}: ${error.message}`);
      return this.refuse('keysUnavailable', (error as Error).message);
    }
  }

  /** jose caches each tenant's key set and refetches it when a token names an unknown key id. */
  private keysOf(
    tenantId: string,
    remoteKeySet: (typeof import('jose'))['createRemoteJWKSet'],
  ): JWTVerifyGetKey {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      keys = remoteKeySet(
        new URL(`${this.settings.authorityHost}/${tenantId}/discovery/v2.0/keys`),
        { timeoutDuration: 5000 },
      );
      this.keySets.set(tenantId, keys);
    }
    return keys;
  }

  private refuse(refusal: TokenRefusal, detail: string): Result<never, TokenRefusal> {
    this.onRejected(refusal, detail);
    return fail(refusal);
  }
}
