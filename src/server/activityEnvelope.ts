import { incomingActivitySchema, type IncomingActivity } from '../bot/incomingActivity.js';
import { ok } from '../domain/result.js';
import { isLoopbackHost } from './loopback.js';
import { refuse, type HttpResult } from './refusal.js';

export interface ExposurePolicy {
  /** With credentials: the channels whose activities are taken (msteams unless configured). */
  allowedChannels?: readonly string[];
  /** With credentials: every activity carries a channel token, checked before any key is fetched. */
  channelTokens?: boolean;
  /** Emulator mode: replies may only go to this machine. */
  loopbackServiceUrlOnly: boolean;
}

const isLoopbackUrl = (url: string): boolean => isLoopbackHost(new URL(url).hostname);

/**
 * Checks an activity's envelope (bot/incomingActivity.ts says what it holds) before the adapter
 * sees it, then what this mode lets in.
 */
export function checkActivity(body: unknown, policy: ExposurePolicy): HttpResult<IncomingActivity> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse(400, 'InvalidActivity', 'http.notAnActivity');
  }
  const parsed = incomingActivitySchema.safeParse(body);
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
