import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { BotCredentials } from '../config.js';
import { conversationTag, type Logger } from '../log.js';
import type { IncomingActivity } from './incomingActivity.js';
import { connectorHttpClient } from './connectorHttpClient.js';
import { localizer } from '../i18n/localizer.js';
import { StateConflictError } from '../storage/storageError.js';
import { keepAtMost } from '../domain/boundedMap.js';

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;

/**
 * The Bot Framework adapter. Without credentials it runs in emulator mode (Bot Framework
 * Emulator, Agents Playground); with them, every request to /api/messages must carry a valid
 * Bot Framework token.
 */
export function createAdapter(credentials: BotCredentials | undefined, log: Logger): BotAdapter {
  const auth = new KeptClientsAuthentication(
    {
      MicrosoftAppId: credentials?.appId ?? '',
      MicrosoftAppPassword: credentials?.appPassword ?? '',
      MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
      MicrosoftAppTenantId: credentials?.appTenantId ?? '',
      ...(credentials?.openIdMetadataUrl
        ? publicCloudWithKeysAt(credentials.openIdMetadataUrl)
        : {}),
    },
    undefined,
    undefined,
    undefined,
    // Every connector request goes through our client, which honours a caller's deadline.
    { httpClient: connectorHttpClient } as unknown as ConnectorClientOptions,
  );
  const adapter = new BotAdapter(auth, log);
  // A typing indicator whenever a turn takes more than half a second.
  adapter.use(new ShowTypingMiddleware(500, 2000));

  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    // An Action.Execute still gets its answer: the card stays as it was, the message says why.
    const answerInvoke = async (text: string) => {
      if (activity.type !== 'invoke') return;
      await context
        .sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: text,
            },
          },
        })
        .catch(() => {});
    };
    const turnLog = turnLogger(log, activity);
    if (error instanceof StateConflictError) {
      // Another instance served this conversation meanwhile: its state stands, this turn is asked again.
      turnLog.warn('turn lost a race for the conversation state; the user is asked to repeat');
      const text = localizer(activity.locale).t('error.stateConflict');
      await context.sendActivity(text).catch(() => {});
      await answerInvoke(text);
      return;
    }
    turnLog.error('turn failed', { error });
    try {
      // The conversation state is left as the last finished turn stored it (this turn's changes were
      // never saved): the form keeps what the user entered, and the same button can be pressed again.
      await context.sendActivity(localizer(activity.locale).markdown.t('error.generic'));
      await answerInvoke(localizer(activity.locale).t('error.generic'));
    } catch (reportError) {
      turnLog.error('could not tell the user about a failed turn', { error: reportError });
    }
  };
  return adapter;
}

/** Service URLs are few (a Teams region each); a bound all the same, as the URL comes from the activity. */
const KEPT_CLIENTS = 32;

/**
 * The SDK's authentication, its clients kept. CloudAdapter has a ConnectorClient and a
 * UserTokenClient built for every turn (each a serializer, a pipeline and credentials: together
 * about 8 % of a form step's CPU, measured). A client holds nothing of a turn (tokens are in the
 * credentials' shared cache), so one per app id, service URL and audience serves every turn,
 * proactive sends included.
 */
class KeptClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<unknown>>();

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    const made = result.connectorFactory;
    return made
      ? { ...result, connectorFactory: this.keptFactory(made, result.claimsIdentity) }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keptFactory(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.kept(['user token', appIdOf(claimsIdentity)], () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }

  private keptFactory(made: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const kept = <T>(key: unknown[], make: () => Promise<T>) => this.kept(key, make);
    const appId = appIdOf(claimsIdentity);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return kept(['connector', appId, serviceUrl, audience ?? null], () =>
          made.create(serviceUrl, audience),
        );
      }
    })();
  }

  private kept<T>(key: unknown[], make: () => Promise<T>): Promise<T> {
    const name = JSON.stringify(key);
    const kept = this.clients.get(name) as Promise<T> | undefined;
    if (kept) return kept;
    const client = make();
    // A failed creation is not kept: the next turn tries again.
    client.catch(() => this.clients.delete(name));
    keepAtMost(this.clients, KEPT_CLIENTS, name, client);
    return client;
  }
}

/** The app id the SDK's own factories read from the claims: the audience, or the Emulator's appid. */
const appIdOf = (claimsIdentity: ClaimsIdentity): string =>
  claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
  claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
  '';

/**
 * The public cloud's settings with the channel's signing keys elsewhere: the SDK takes any one
 * endpoint setting as "all of them are configured", so the others are named with their defaults.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** What became of one incoming activity, in our own terms (the HTTP route maps them to statuses). */
export type ActivityOutcome =
  | { kind: 'done'; status: number; body?: unknown }
  /** No token, or one that is not valid for this bot. */
  | { kind: 'unauthenticated'; reason: string }
  /** The token could not be checked (its signing keys could not be fetched). */
  | { kind: 'unverifiable'; reason: string }
  | { kind: 'failed'; reason: string };

/** The one thing the HTTP layer needs of the Bot Framework: run an activity through the bot. */
export interface ActivityProcessor {
  process(authHeader: string, activity: IncomingActivity): Promise<ActivityOutcome>;
}

/** One turn's work, handed the activity as the HTTP edge checked it, and the turn's logger. */
export type TurnLogic = (
  context: TurnContext,
  activity: IncomingActivity,
  log: Logger,
) => Promise<void>;

/**
 * CloudAdapter, driven with an activity we have already read and checked, so that a failure is
 * ours to classify: its own `process` answers a key-fetch failure with 500 and the error text,
 * and prints a stack trace for every forged token.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
  }

  processor(logic: TurnLogic): ActivityProcessor {
    return {
      process: async (authHeader, activity) => {
        // A property, not a variable: it is set inside the turn's callback.
        const progress = { turnStarted: false };
        try {
          const invokeResponse = await this.processActivity(
            authHeader,
            activity as unknown as Activity,
            (context) => {
              progress.turnStarted = true;
              return logic(context, activity, turnLogger(this.log, activity));
            },
          );
          return {
            kind: 'done',
            status: invokeResponse?.status ?? 200,
            body: invokeResponse?.body,
          };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if ((error as { statusCode?: number }).statusCode === 401)
            return { kind: 'unauthenticated', reason };
          // Before the turn, only authentication runs: a failure there that is not a refusal is the key endpoint.
          return progress.turnStarted
            ? { kind: 'failed', reason }
            : { kind: 'unverifiable', reason };
        }
      },
    };
  }
}

/**
 * The logger of one turn: every line carries the activity's id and channel, and a tag of its
 * conversation (a hash, not the id), so one request can be followed through the logs.
 */
function turnLogger(
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
