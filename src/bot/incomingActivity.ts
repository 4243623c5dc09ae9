import { z } from 'zod';

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
  // Files (a file.download.info in the personal chat), the HTML of a message: a few at most.
  attachments: z
    .array(
      z.looseObject({
        contentType: required(256),
        contentUrl: text(4096).optional(),
        name: text(512).optional(),
      }),
    )
    .max(10, { error: 'must hold at most 10 attachments' })
    .optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: required(128) }).optional(),
      eventType: text(64).optional(),
    })
    .optional(),
});

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;
