import { z } from 'zod';
import { PartnerCenterError } from './partnerCenterError.js';
import { PARTNER_CENTER_SCOPE, type TokenEndpoint } from './refreshToken.js';

/**
 * The first refresh token, the documented way for a tool without a browser of its own: the
 * OAuth device authorization grant at `{authorityHost}/{tenant}/oauth2/v2.0/devicecode`. A partner
 * user signs in elsewhere (with MFA, which App+User calls require since April 2026) with the code
 * shown; the tool polls the token endpoint at the interval the answer names until the sign-in is
 * done, refused or expired.
 */

const deviceCodeAnswerSchema = z.looseObject({
  device_code: z.string().min(1).max(4_000),
  user_code: z.string().min(1).max(100),
  verification_uri: z.string().max(2_000),
  expires_in: z.coerce.number().int().positive().max(3_600),
  interval: z.coerce.number().int().positive().max(60).default(5),
  message: z.string().max(2_000).optional(),
});

const tokenAnswerSchema = z.looseObject({ refresh_token: z.string().min(1).max(20_000) });

export interface DeviceSignIn {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
}

export async function refreshTokenByDeviceCode(
  settings: DeviceSignIn,
  post: TokenEndpoint,
  show: (code: {
    userCode: string;
    verificationUri: string;
    message?: string;
    expiresInSeconds: number;
  }) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<string> {
  const base = `${settings.authorityHost.replace(/\/$/, '')}/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0`;
  const signal = () => AbortSignal.timeout(20_000);
  const started = await post(
    `${base}/devicecode`,
    new URLSearchParams({
      client_id: settings.clientId,
      scope: `${PARTNER_CENTER_SCOPE} offline_access`,
    }),
    signal(),
  );
  const code = deviceCodeAnswerSchema.safeParse(started.body);
  if (started.status !== 200 || !code.success)
    throw new PartnerCenterError(
      'unauthorized',
      `the device code was refused (${started.status})`,
      {
        status: started.status,
      },
    );
  const { device_code, user_code, verification_uri, expires_in, message } = code.data;
  show({
    userCode: user_code,
    verificationUri: verification_uri,
    ...(message ? { message } : {}),
    expiresInSeconds: expires_in,
  });
  let interval = code.data.interval;
  const deadline = Date.now() + expires_in * 1000;
  while (Date.now() < deadline) {
    await sleep(interval * 1000);
    const answer = await post(
      `${base}/token`,
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: settings.clientId,
        device_code,
        ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
      }),
      signal(),
    );
    const token = tokenAnswerSchema.safeParse(answer.body);
    if (answer.status === 200 && token.success) return token.data.refresh_token;
    const error = (answer.body as { error?: unknown } | undefined)?.error;
    if (error === 'authorization_pending') continue;
    if (error === 'slow_down') {
      interval += 5;
      continue;
    }
    throw new PartnerCenterError(
      'unauthorized',
      `the sign-in ended: ${typeof error === 'string' ? error.slice(0, 100) : answer.status}`,
      {
        status: answer.status,
      },
    );
  }
  throw new PartnerCenterError('unauthorized', 'the sign-in was not done in time');
}
