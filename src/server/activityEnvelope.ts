import { z } from 'zod';
import { ok } from '../domain/result.js';
import { isLoopbackHost } from './loopback.js';
import { refuse, type HttpResult } from './refusal.js';

/**
 * The fields of an incoming activity that the adapter and the bot rely on, checked before the
 * adapter sees it: a shape that would make it throw is a 400 naming the field, and every length
 * is bounded so nothing stored or logged from an activity can grow without limit.
 */

export const MAX_SERVICE_URL_LENGTH = 2048;

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const required = (max: number) => text(max).min(1, { error: 'is required' });

const account = z.looseObject({
  id: required(512),
  name: text(256).optional(),
  aadObjectId: text(128).optional(),
});

export const activityEnvelopeSchema = z.looseObject({
  type: required(64),
  id: text(256).optional(),
  channelId: required(64),
  serviceUrl: required(MAX_SERVICE_URL_LENGTH).pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  ),
  conversation: z.looseObject({
    id: required(1024),
    name: text(256).optional(),
    conversationType: text(64).optional(),
    tenantId: text(128).optional(),
  }),
  from: account,
  recipient: account,
  locale: text(64).optional(),
  // Teams' own limit for a message is about 28 KB.
  text: text(28_000).optional(),
  replyToId: text(256).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

export type ActivityEnvelope = z.infer<typeof activityEnvelopeSchema>;

export interface ExposurePolicy {
  /** With credentials: the channels whose activities are taken (msteams unless configured). */
  allowedChannels?: readonly string[];
  /** With credentials: every activity carries a channel token, checked before any key is fetched. */
  channelTokens?: boolean;
  /** Emulator mode: replies may only go to this machine. */
  loopbackServiceUrlOnly: boolean;
}

const isLoopbackUrl = (url: string): boolean => isLoopbackHost(new URL(url).hostname);

/** Checks the envelope, then what this mode lets in. */
export function checkActivity(body: unknown, policy: ExposurePolicy): HttpResult<ActivityEnvelope> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(400, 'InvalidActivity', 'http.notAnActivity');
  }
  const parsed = activityEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'activity';
    const key =
      issue?.code === 'invalid_type'
        ? issue.input === undefined
          ? 'http.fieldRequired'
          : 'http.fieldWrongType'
        : 'http.fieldInvalid';
    return refuse(400, 'InvalidActivity', key, { field, problem: issue?.message ?? '' }, field);
  }
  const activity = parsed.data;
  if (policy.allowedChannels && !policy.allowedChannels.includes(activity.channelId)) {
    return refuse(403, 'ChannelNotAllowed', 'http.channelNotAllowed', {}, 'channelId');
  }
  if (policy.loopbackServiceUrlOnly && !isLoopbackUrl(activity.serviceUrl)) {
    return refuse(403, 'ServiceUrlNotAllowed', 'http.serviceUrlNotLoopback', {}, 'serviceUrl');
  }
  return ok(activity);
}
