/**
 * Why a Partner Center call did not give an answer to use:
 * - `refused`: Partner Center answered a 4xx that says the request is wrong (its status and code);
 * - `unauthorized`: the credential was refused (a spent or revoked refresh token, MFA missing);
 * - `unavailable`: nothing usable came back in time (network, 5xx, throttled beyond the wait
 *   allowed, the deadline). Whether the request reached Partner Center is then unknown: a retry
 *   with the same MS-RequestId settles it.
 */
export type PartnerCenterErrorKind = 'refused' | 'unauthorized' | 'unavailable';

export class PartnerCenterError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(
    readonly kind: PartnerCenterErrorKind,
    message: string,
    details: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PartnerCenterError';
    this.status = details.status;
    this.code = details.code;
  }
}
