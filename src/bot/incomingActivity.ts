import { z } from 'zod';
import type { Reader } from '../i18n/localizer.js';
import { conversationTag, type Logger } from '../log.js';
import { LOCAL_TENANT } from './identity.js';

/**
 * The fields of an incoming activity that the adapter and the bot rely on, checked once at the
 * HTTP edge (server/messagesRoute.ts) and handed to the turn: a shape that would make either
 * throw is a 400 naming the field, and every length is bounded so nothing stored or logged from
 * an activity can grow without limit.
 */

const MAX_SERVICE_URL_LENGTH = 2048;

const text = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });
const required = (max: number) => text(max).min(1, { error: 'is required' });

const account = z.looseObject({
  id: required(512),
  name: text(256).optional(),
  aadObjectId: text(128).optional(),
});

export const incomingActivitySchema = z.looseObject({
  type: required(64),
  id: text(256).optional(),
  name: text(256).optional(),
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
  // A display preference only: a bad one is ignored (UTC), never a refused turn.
  localTimezone: z.string().max(64).optional().catch(undefined),
  // Teams' own limit for a message is about 28 KB.
  text: text(28_000).optional(),
  replyToId: text(256).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: required(128) }).optional(),
      eventType: text(64).optional(),
    })
    .optional(),
});

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** Who reads the bot's answers: the locale and time zone the client sent. */
export function readerOf(activity: { locale?: string; localTimezone?: string }): Reader {
  return { locale: activity.locale, timeZone: activity.localTimezone };
}

/** The partner tenant of an activity; the same rule keys users and conversations. */
export function tenantOf(activity: IncomingActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? LOCAL_TENANT;
}

/**
 * The logger of one turn: every line carries the activity's id and channel, and a tag of its
 * conversation (a hash, not the id), so one request can be followed through the logs.
 */
export function turnLogger(
  log: Logger,
  activity: { id?: string; type?: string; channelId?: string; conversation?: { id?: string } },
): Logger {
  const conversationId = activity.conversation?.id;
  return log.child({
    activityId: activity.id,
    channelId: activity.channelId,
    activityType: activity.type,
    ...(conversationId ? { conversation: conversationTag(conversationId) } : {}),
  });
}
