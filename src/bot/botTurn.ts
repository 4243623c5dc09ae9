import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { localizer, type Reader } from '../i18n/localizer.js';
import { conversationTag, type Logger } from '../log.js';
import { LOCAL_TENANT } from './identity.js';
import { conversationKey } from '../storage/records/conversation.js';
import { executeInvokeOf } from './cards/actions.js';
import { parseSubmit, parseText, type Request } from './requests.js';
import { turnReplies } from './turnReplies.js';
import type { BotServices, BotTurn } from './botServices.js';

/** The channel fields the bot reads, checked at the boundary. */
const activitySchema = z.object({
  // Display preferences only: a bad one is ignored (English, UTC), never a refused turn.
  locale: z.string().max(35).optional().catch(undefined),
  localTimezone: z.string().max(64).optional().catch(undefined),
  from: z.object({
    id: z.string(),
    name: z.string().optional(),
    aadObjectId: z.string().optional(),
  }),
  conversation: z.object({ id: z.string(), tenantId: z.string().optional() }),
  channelData: z
    .object({ tenant: z.object({ id: z.string() }).optional(), eventType: z.string().optional() })
    .loose()
    .optional(),
});

export type ChannelActivity = z.infer<typeof activitySchema>;
const PARSED_ACTIVITY = Symbol('parsedActivity');
const TURN = Symbol('botTurn');

/** The activity's channel fields, parsed once per turn; undefined when the channel left them out. */
export function channelActivity(context: TurnContext): ChannelActivity | undefined {
  if (!context.turnState.has(PARSED_ACTIVITY))
    context.turnState.set(PARSED_ACTIVITY, activitySchema.safeParse(context.activity).data);
  return context.turnState.get<ChannelActivity | undefined>(PARSED_ACTIVITY);
}

/** Who reads the bot's answers: the locale and time zone the client sent. */
export function readerOf(activity: ChannelActivity | undefined): Reader {
  return { locale: activity?.locale, timeZone: activity?.localTimezone };
}

/** The partner tenant of an activity; the same rule keys users and conversations. */
export function tenantOf(activity: ChannelActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? LOCAL_TENANT;
}

/** The activity's own fields, as the SDK hands them (any of them may be missing). */
interface IncomingActivity {
  id?: string;
  type?: string;
  channelId?: string;
  conversation?: { id?: string };
}

/**
 * The logger of one turn: every line carries the activity's id and channel, and a tag of its
 * conversation (a hash, not the id), so one request can be followed through the logs.
 */
export function turnLogger(log: Logger, activity: IncomingActivity): Logger {
  const conversationId = activity.conversation?.id;
  return log.child({
    activityId: activity.id,
    channelId: activity.channelId,
    activityType: activity.type,
    ...(conversationId ? { conversation: conversationTag(conversationId) } : {}),
  });
}

/** This turn's facts, worked out once per turn from the activity, whoever asks first. */
export function botTurn(context: TurnContext, services: BotServices): BotTurn {
  const known = context.turnState.get<BotTurn | undefined>(TURN);
  if (known) return known;
  const activity = channelActivity(context);
  if (!activity) throw new Error('The activity has no sender or conversation.');
  const tenantId = tenantOf(activity);
  const user = services.directory.resolve({
    id: activity.from.id,
    name: activity.from.name ?? activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    tenantId,
  });
  const log = turnLogger(services.log, context.activity);
  const replies = turnReplies(context, (error) =>
    log.warn('could not update a card; sending a new one', { error }),
  );
  const turn: BotTurn = {
    l: localizer(readerOf(activity)).markdown,
    user,
    replies,
    conversationKey: conversationKey(tenantId, activity.conversation.id),
    fromId: activity.from.id,
    fromName: activity.from.name ?? activity.from.id,
    services,
    log,
  };
  context.turnState.set(TURN, turn);
  return turn;
}

const REQUEST = Symbol('request');

/** What the user sent this turn, typed or from a card, parsed once per turn. */
export function requestOf(context: TurnContext): Request {
  const known = context.turnState.get<Request | undefined>(REQUEST);
  if (known) return known;
  // An Action.Execute arrives as an invoke: its data is what a Submit would send as its value.
  const execute = executeInvokeOf(context.activity);
  const value: unknown = context.activity.value;
  // An activity without text gives undefined here, whatever the SDK's type says.
  const text = TurnContext.removeRecipientMention(context.activity) as string | undefined;
  const request = execute
    ? parseSubmit(execute.data)
    : value !== undefined && value !== null
      ? parseSubmit(value)
      : parseText(text ?? '');
  context.turnState.set(REQUEST, request);
  return request;
}
