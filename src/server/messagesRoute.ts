import type { Request, Response, Server } from 'restify';
import { conversationTag, traceCalls, type Logger } from '../log.js';
import type { ActivityOutcome, ActivityProcessor } from '../bot/adapter.js';
import { incomingActivitySchema, type IncomingActivity } from '../bot/incomingActivity.js';
import { isExtensionInvoke } from '../bot/extension/extensionAnswers.js';
import { ok } from '../domain/result.js';
import { isLoopbackHost } from './loopback.js';
import { unverifiableTokenReason } from './channelToken.js';
import { httpMessage, refuse, sendRefusal, type HttpResult } from './refusal.js';

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
 * Microsoft 365 (Copilot and Outlook) reaches the bot on its own channel, for the message
 * extension alone: its searches, chosen results and links are taken whatever ALLOWED_CHANNELS
 * says; anything else on that channel is not.
 */
const M365_CHANNEL = 'm365extensions';
const reachesMessageExtension = (activity: IncomingActivity): boolean =>
  activity.channelId === M365_CHANNEL &&
  activity.type === 'invoke' &&
  isExtensionInvoke(activity.name);

/**
 * Checks an activity's envelope (bot/incomingActivity.ts says what it holds) before the adapter
 * sees it, then what this mode lets in.
 */
function checkActivity(body: unknown, policy: ExposurePolicy): HttpResult<IncomingActivity> {
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
  if (
    policy.allowedChannels &&
    !policy.allowedChannels.includes(activity.channelId) &&
    !reachesMessageExtension(activity)
  ) {
    return refuse(403, 'ChannelNotAllowed', 'http.channelNotAllowed', {}, 'channelId');
  }
  if (policy.loopbackServiceUrlOnly && !isLoopbackUrl(activity.serviceUrl)) {
    return refuse(403, 'ServiceUrlNotAllowed', 'http.serviceUrlNotLoopback', {}, 'serviceUrl');
  }
  return ok(activity);
}

/** Log a repeated expected failure at most this often: a flood of forged requests is one line a minute. */
const QUIET_MS = 60_000;

type OutcomeOf<K extends ActivityOutcome['kind']> = Extract<ActivityOutcome, { kind: K }>;
interface AnswerLog {
  log: Logger;
  logQuietly: (kind: string, fields: Record<string, unknown>) => void;
}

/** What the channel is answered for each outcome of a turn, and what is logged of it. */
const OUTCOME_ANSWERS: {
  [K in ActivityOutcome['kind']]: (outcome: OutcomeOf<K>, res: Response, how: AnswerLog) => void;
} = {
  done: ({ status, body }, res) => {
    if (body === undefined) res.send(status);
    else res.send(status, body);
  },
  unauthenticated: ({ reason }, res, { logQuietly }) => {
    logQuietly('request not authenticated', { reason });
    res.header('WWW-Authenticate', 'Bearer');
    res.send(401, { code: 'Unauthorized', message: httpMessage('http.unauthorized') });
  },
  unverifiable: ({ reason }, res, { logQuietly }) => {
    logQuietly('token could not be checked (signing keys unreachable)', { reason });
    res.header('Retry-After', '30');
    res.send(503, {
      code: 'AuthenticationUnavailable',
      message: httpMessage('http.authenticationUnavailable'),
    });
  },
  failed: ({ reason }, res, { log }) => {
    log.error('/api/messages: the turn failed', { reason });
    res.send(500, { code: 'InternalError', message: httpMessage('http.internalError') });
  },
};

/**
 * POST /api/messages: activities from the channel. The envelope and this mode's exposure are
 * checked here, before the adapter sees anything; authentication (with credentials) is the
 * adapter's. Answers never carry internal error text.
 */
export function registerMessagesRoute(
  server: Server,
  processor: ActivityProcessor,
  policy: ExposurePolicy,
  log: Logger,
): void {
  const lastLogged = new Map<string, number>();
  const logQuietly = (kind: string, fields: Record<string, unknown>) => {
    const now = Date.now();
    if (now - (lastLogged.get(kind) ?? 0) < QUIET_MS) return;
    lastLogged.set(kind, now);
    log.warn(`/api/messages: ${kind} (repeats are not logged for a minute)`, fields);
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkActivity(req.body, policy);
    if (!checked.ok) {
      logQuietly('activity refused', {
        status: checked.error.status,
        code: checked.error.code,
        field: checked.error.field,
      });
      sendRefusal(res, checked.error);
      return;
    }
    const authorization = req.header('authorization', '');
    const unverifiable = policy.channelTokens ? unverifiableTokenReason(authorization) : undefined;
    const started = performance.now();
    const { result: outcome, correlationIds } = await traceCalls(async () =>
      unverifiable
        ? ({ kind: 'unauthenticated', reason: unverifiable } as const)
        : processor.process(authorization, checked.value),
    );
    if (outcome.kind !== 'unauthenticated')
      // One line per turn; the Partner Center calls it made by their MS-CorrelationId.
      log.info('turn', {
        type: checked.value.type,
        ...(typeof checked.value.name === 'string' ? { name: checked.value.name } : {}),
        conversation: conversationTag(checked.value.conversation.id),
        outcome: outcome.kind,
        ...(outcome.kind === 'done' ? { status: outcome.status } : {}),
        ms: Math.round(performance.now() - started),
        ...(correlationIds.length > 0 ? { partnerCenterCorrelationIds: correlationIds } : {}),
      });
    // The table's entry for this kind takes this kind's outcome (TypeScript cannot pair them itself).
    OUTCOME_ANSWERS[outcome.kind](outcome as never, res, { log, logQuietly });
  });
}
