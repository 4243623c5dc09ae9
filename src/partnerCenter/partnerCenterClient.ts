import { randomUUID } from 'node:crypto';
import { request as send } from 'undici';
import { noteCorrelationId, type Logger } from '../log.js';
import { CallLimiter, type CallLimits } from './callLimiter.js';
import { readBounded } from './boundedBody.js';
import { errorCodeOf } from './contract.js';
import { PartnerCenterError } from './partnerCenterError.js';
import type { RefreshTokenCredential } from './refreshToken.js';

/**
 * One HTTP call to Partner Center, made politely and never twice by accident:
 * - every call carries an `MS-RequestId`; a retry of the same call sends the same one, so
 *   Partner Center answers a retried create with what the first one made;
 * - a 429 waits `Retry-After` (up to `maxRetryAfterSeconds`); 5xx and network errors back off
 *   with jitter, up to `maxAttempts` in all; a 401 exchanges the token once and tries again;
 * - every attempt has a deadline that aborts it; the limiter keeps the partner under throttling.
 * What the answer means is the caller's (partnerCenterApi.ts): this only delivers it.
 */

export interface ClientSettings {
  /** `https://api.partnercenter.microsoft.com`, or a loopback fake in tests. */
  baseUrl: string;
  limits: CallLimits;
  /** One attempt's deadline. */
  deadlineMs: number;
  maxAttempts: number;
  maxRetryAfterSeconds: number;
  /** The first back-off after a 5xx or a network error, doubled for each further one. */
  backoffMs: number;
}

export interface PartnerCenterCall {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** From `/v1/…`, with its query. */
  path: string;
  body?: unknown;
  /** The idempotency key of a call that creates or changes something: recorded before the call. */
  requestId?: string;
  /** Ties the call to the turn that made it (logged with the turn). */
  correlationId?: string;
  ifMatch?: string;
  continuationToken?: string;
}

export interface PartnerCenterAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** At most this much of an answer is read: Partner Center's documents are small. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PartnerCenterClient {
  private readonly limiter: CallLimiter;

  constructor(
    private readonly settings: ClientSettings,
    private readonly credential: RefreshTokenCredential,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {
    this.limiter = new CallLimiter(settings.limits);
  }

  /** Whether the last call got an answer (false after no answer, or a refused credential). */
  get reachable(): boolean {
    return this.lastReached;
  }
  private lastReached = true;

  /** Sends the call, retrying what may be retried; the last answer, or why there is none. */
  async call(call: PartnerCenterCall): Promise<PartnerCenterAnswer> {
    try {
      const answer = await this.callWithRetries(call);
      this.lastReached = true;
      return answer;
    } catch (error) {
      if (!(error instanceof PartnerCenterError) || error.kind !== 'refused')
        this.lastReached = false;
      throw error;
    }
  }

  private async callWithRetries(call: PartnerCenterCall): Promise<PartnerCenterAnswer> {
    const requestId = call.requestId ?? randomUUID();
    const correlationId = call.correlationId ?? randomUUID();
    noteCorrelationId(correlationId);
    let tokenRenewed = false;
    for (let attempt = 1; ; attempt++) {
      let answer: PartnerCenterAnswer;
      try {
        answer = await this.limiter.run(() => this.attempt(call, requestId, correlationId));
      } catch (error) {
        if (error instanceof PartnerCenterError && error.kind !== 'unavailable') throw error;
        if (attempt >= this.settings.maxAttempts)
          throw error instanceof PartnerCenterError
            ? error
            : new PartnerCenterError('unavailable', 'Partner Center could not be reached', {
                cause: error,
              });
        await pause(this.backoff(attempt));
        continue;
      }
      const { status } = answer;
      if (status === 401 && !tokenRenewed) {
        tokenRenewed = true;
        this.credential.invalidate();
        continue;
      }
      if (status === 401)
        throw new PartnerCenterError('unauthorized', 'Partner Center refused the token', {
          status,
          ...errorCodeOf(answer.body),
        });
      const retryable = status === 429 || status >= 500;
      if (!retryable) return answer;
      if (attempt >= this.settings.maxAttempts)
        throw new PartnerCenterError('unavailable', `Partner Center answered ${status}`, {
          status,
        });
      const wait =
        status === 429 ? retryAfterMs(answer.headers['retry-after']) : this.backoff(attempt);
      if (wait > this.settings.maxRetryAfterSeconds * 1000)
        throw new PartnerCenterError('unavailable', `Partner Center asked to wait ${wait} ms`, {
          status,
        });
      this.log.info('Partner Center call retried', {
        method: call.method,
        path: call.path.split('?')[0],
        status,
        attempt,
        waitMs: Math.round(wait),
        requestId,
        correlationId,
      });
      await pause(wait);
    }
  }

  private async attempt(
    call: PartnerCenterCall,
    requestId: string,
    correlationId: string,
  ): Promise<PartnerCenterAnswer> {
    const signal = AbortSignal.timeout(this.settings.deadlineMs);
    const token = await this.credential.accessToken(signal);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'ms-requestid': requestId,
      'ms-correlationid': correlationId,
      'x-locale': 'en-US',
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(call.ifMatch ? { 'if-match': call.ifMatch } : {}),
      ...(call.continuationToken ? { 'ms-continuationtoken': call.continuationToken } : {}),
    };
    const response = await send(new URL(call.path, this.settings.baseUrl), {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      signal,
    });
    const text = await readBounded(response.body, MAX_ANSWER_BYTES);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const answerHeaders: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers))
      answerHeaders[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
    return { status: response.statusCode, body, headers: answerHeaders };
  }

  /** Exponential back-off with full jitter: 0 to backoffMs × 2^(attempt-1). */
  private backoff(attempt: number): number {
    return this.random() * this.settings.backoffMs * 2 ** (attempt - 1);
  }
}

/** `Retry-After` in seconds (or an HTTP date); 1 s when absent or unreadable. */
function retryAfterMs(header: string | undefined): number {
  if (!header) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1_000 : Math.max(0, at - Date.now());
}
