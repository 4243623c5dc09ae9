import { request } from 'undici';
import { readBounded } from './boundedBody.js';
import { tokenAnswerSchema } from './contract.js';
import { PartnerCenterError } from './partnerCenterError.js';

/**
 * The Secure Application Model: an App+User access token for Partner Center, from a refresh token
 * exchanged at `{authorityHost}/{tenant}/oauth2/v2.0/token`. Every exchange returns a new refresh
 * token, kept durably before it is used (a crash after the exchange must not leave only a spent
 * token); the kept one is preferred to the configured one at start. Tokens are never logged.
 */

/** Where the newest refresh token is kept (a 0600 file on lowdb, a table row on Azure). */
export interface RefreshTokenStore {
  read(): Promise<string | undefined>;
  write(token: string): Promise<void>;
}

export interface TokenSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** A refresh token from the configuration, used until a newer one is kept (`npm run partner-center:connect` keeps one). */
  refreshToken?: string;
}

/** Posts a form to the token endpoint; the answer's status and JSON body (or undefined). */
export type TokenEndpoint = (
  url: string,
  form: URLSearchParams,
  signal: AbortSignal,
) => Promise<{ status: number; body: unknown }>;

/** The token endpoint over HTTP (undici), its answer read up to 64 KB. */
export const httpTokenEndpoint: TokenEndpoint = async (url, form, signal) => {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    signal,
  });
  const text = await readBounded(response.body, 65_536);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, body };
};

/** Partner Center's delegated (App+User) scope, on the v2 endpoint. */
export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';
/** An access token is renewed a tenth of its life (at most a minute) before it expires. */
const earlyRenewalMs = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 10);

export class RefreshTokenCredential {
  private cached: { token: string; renewAt: number } | undefined;
  private exchanging: Promise<string> | undefined;

  constructor(
    private readonly settings: TokenSettings,
    private readonly store: RefreshTokenStore,
    private readonly post: TokenEndpoint,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid access token; concurrent callers share one exchange. */
  async accessToken(signal: AbortSignal): Promise<string> {
    if (this.cached && this.cached.renewAt > this.now()) return this.cached.token;
    this.exchanging ??= this.exchange(signal).finally(() => (this.exchanging = undefined));
    return this.exchanging;
  }

  /** Partner Center refused the token (401): the next call exchanges again. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async exchange(signal: AbortSignal, spent?: string): Promise<string> {
    const { authorityHost, tenantId, clientId, clientSecret } = this.settings;
    const refreshToken = (await this.store.read()) ?? this.settings.refreshToken;
    if (!refreshToken)
      throw new PartnerCenterError(
        'unauthorized',
        'no refresh token is kept or configured: run npm run partner-center:connect',
      );
    const url = `${authorityHost.replace(/\/$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: `${PARTNER_CENTER_SCOPE} offline_access`,
    });
    let answer: { status: number; body: unknown };
    try {
      answer = await this.post(url, form, signal);
    } catch (error) {
      throw new PartnerCenterError('unavailable', 'token endpoint unreachable', { cause: error });
    }
    const parsed = tokenAnswerSchema.safeParse(answer.body);
    // Another instance on the same store exchanged first and kept a newer token: use that one.
    if (answer.status === 400 && refreshToken !== spent) {
      const kept = await this.store.read();
      if (kept && kept !== refreshToken) return this.exchange(signal, refreshToken);
    }
    if (answer.status !== 200 || !parsed.success) {
      const kind = answer.status >= 500 || answer.status === 429 ? 'unavailable' : 'unauthorized';
      // The endpoint's error names (invalid_grant, …), never the token.
      const error = (answer.body as { error?: unknown } | undefined)?.error;
      throw new PartnerCenterError(kind, `token endpoint answered ${answer.status}`, {
        status: answer.status,
        ...(typeof error === 'string' ? { code: error.slice(0, 100) } : {}),
      });
    }
    if (parsed.data.refresh_token) await this.store.write(parsed.data.refresh_token);
    const lifetimeMs = parsed.data.expires_in * 1000;
    this.cached = {
      token: parsed.data.access_token,
      renewAt: this.now() + lifetimeMs - earlyRenewalMs(lifetimeMs),
    };
    return parsed.data.access_token;
  }
}
