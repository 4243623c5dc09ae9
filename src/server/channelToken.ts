import { z } from 'zod';

/**
 * What a channel token's header must say before its signing key is looked up. The Bot Framework
 * signs with RSA and names the key (`kid`); a token that is unsigned (`alg: none`), signed with a
 * shared secret (HS256 and the other HMACs), names no key, or has no readable header cannot be
 * verified by any key the channel publishes. Refusing it here means a forged token never makes the
 * bot fetch keys: the SDK looks the key up before it checks the algorithm.
 */

/** The algorithms the Bot Framework SDK accepts for channel tokens (AuthenticationConstants). */
const CHANNEL_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

const MAX_HEADER_LENGTH = 1_024;

const tokenHeaderSchema = z.looseObject({
  alg: z.enum(CHANNEL_TOKEN_ALGORITHMS),
  kid: z.string().min(1).max(256),
});

/** Why no key could verify this `Authorization` header, or undefined when a key might. */
export function unverifiableTokenReason(authorization: string): string | undefined {
  const encodedHeader = /^Bearer ([\w-]+)\.[\w-]*\.[\w-]*$/.exec(authorization.trim())?.[1];
  if (!encodedHeader) return 'not a Bearer JSON Web Token';
  if (encodedHeader.length > MAX_HEADER_LENGTH) return 'token header too long';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    return 'token header is not JSON';
  }
  const parsed = tokenHeaderSchema.safeParse(header);
  if (parsed.success) return undefined;
  const field = parsed.error.issues[0]?.path.join('.') || 'header';
  return `token header: ${field} is not one a channel key can verify`;
}
