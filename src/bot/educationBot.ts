import { randomUUID } from 'node:crypto';
import { TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import { z } from 'zod';
import { systemClock, type Clock } from '../domain/clock.js';
import { localizer, type Reader } from '../i18n/localizer.js';
import type { Logger } from '../log.js';
import { conversationKey } from '../storage/records/conversation.js';
import type { BotServices } from './botServices.js';
import { welcomeCard } from './cards/customerCards.js';
import { helpLines } from './commandList.js';
import { CustomerFormDialog, FormSession, type RecentSubmissions } from './customerFormDialog.js';
import { cardMessage, deliver, isSharedConversation, runsUniversalActions } from './channel.js';
import { FormDialogSet, type DialogState } from './dialogs.js';
import { LOCAL_TENANT, type ChannelUser, type PartnerUserDirectory } from './identity.js';
import {
  answerExtension,
  isExtensionInvoke,
  type ExtensionTurn,
} from './extension/extensionAnswers.js';
import type { IncomingActivity } from './incomingActivity.js';
import type { ConversationDirectory } from './conversations.js';
import type { ImportDoor } from './imports.js';
import { route, type Sent } from './routes.js';
import type { ChannelFacts, Turn } from './turn.js';

export interface EducationBotOptions {
  customers: BotServices['customers'];
  vetting: BotServices['vetting'];
  directory: PartnerUserDirectory;
  conversations: ConversationDirectory;
  /** Where each person's form is kept: per conversation and user (PrivateConversationState). */
  formState: BotState;
  now?: Clock;
  imports?: ImportDoor;
  /** A customer's shareable page in the dashboard (server/tab), when the public address is known. */
  customerPageUrl?: (customerId: string) => string | undefined;
}

/** An Action.Execute as Teams sends it (an `adaptiveCard/action` invoke's value). */
const executeSchema = z.object({
  trigger: z.enum(['manual', 'automatic']).optional().catch(undefined),
  action: z.object({ type: z.literal('Action.Execute'), data: z.unknown() }),
});

/** A button that asks for the card it is on to be replaced (a status card's Refresh). */
const replaceSchema = z.looseObject({ replace: z.literal(true) });

/** The events of conversationUpdate and installationUpdate the bot acts on. */
const membershipSchema = z.object({
  membersAdded: z
    .array(z.object({ id: z.string() }))
    .optional()
    .catch(undefined),
  membersRemoved: z
    .array(z.object({ id: z.string() }))
    .optional()
    .catch(undefined),
  action: z.string().max(64).optional().catch(undefined),
});

/**
 * The bot at the Bot Framework edge: one activity, already checked at the HTTP edge, in; its
 * type picks what is done. A message or an Action.Execute is one turn: the Turn built once,
 * its route's handler (routes.ts) returning the Reply, the Reply delivered (channel.ts), and the
 * conversation's state saved once at the end.
 */
export class EducationBot {
  private readonly dialogs: FormDialogSet;
  private readonly recent: StatePropertyAccessor<RecentSubmissions>;
  private readonly services: BotServices;

  constructor(private readonly options: EducationBotOptions) {
    const { customers, vetting, conversations, directory } = options;
    this.services = {
      customers,
      vetting,
      conversations,
      directory,
      now: options.now ?? systemClock,
      newId: randomUUID,
      ...(options.imports ? { imports: options.imports } : {}),
    };
    this.dialogs = new FormDialogSet(options.formState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new CustomerFormDialog());
    this.recent = options.formState.createProperty<RecentSubmissions>('recentSubmissions');
  }

  async run(context: TurnContext, activity: IncomingActivity, log: Logger): Promise<void> {
    switch (activity.type) {
      case 'message':
        await this.rememberConversation(context, activity, log);
        await this.answer(context, activity, log, this.messageSent(context));
        break;
      case 'invoke':
        await this.invoke(context, activity, log);
        break;
      case 'conversationUpdate':
        await this.conversationUpdate(context, activity, log);
        break;
      case 'installationUpdate':
        await this.installationUpdate(context, activity, log);
        break;
    }
    await this.options.formState.saveChanges(context, false);
  }

  /** Typed text (the bot's mention taken out), or an Action.Submit's value. */
  private messageSent(context: TurnContext): Sent {
    const value: unknown = context.activity.value;
    if (value !== undefined && value !== null) return { cardData: value };
    // An activity without text gives undefined here, whatever the SDK's type says.
    const text = TurnContext.removeRecipientMention(context.activity) as string | undefined;
    return { text: text ?? '', attachments: context.activity.attachments };
  }

  /** An Action.Execute: the same request as a Submit would make, answered in the invoke's response. */
  private async invoke(
    context: TurnContext,
    activity: IncomingActivity,
    log: Logger,
  ): Promise<void> {
    if (isExtensionInvoke(activity.name)) {
      const { status, body } = await answerExtension(
        activity.name,
        context.activity.value,
        this.extensionTurn(activity),
      );
      await this.invokeResponse(context, status, body);
      return;
    }
    const execute =
      activity.name === 'adaptiveCard/action'
        ? executeSchema.safeParse(context.activity.value)
        : undefined;
    if (!execute?.success) {
      // Not an invoke this bot serves, or not well formed: say so, never a server error.
      await this.invokeResponse(context, 400, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'BadRequest',
          message: localizer(readerOf(activity)).t('invoke.notServed'),
        },
      });
      return;
    }
    const { trigger, action } = execute.data;
    const replace = replaceSchema.safeParse(action.data).success;
    const cardId = activity.replyToId;
    const response = await this.answer(
      context,
      activity,
      log,
      { cardData: action.data },
      {
        cardId,
        replacesCard: cardId !== undefined && (trigger === 'automatic' || replace),
      },
    );
    await this.invokeResponse(context, 200, response);
  }

  /** A message extension's turn: who searches, in which language, and what the channel runs. */
  private extensionTurn(activity: IncomingActivity): ExtensionTurn {
    const reader = localizer(readerOf(activity));
    return {
      i18n: reader.markdown,
      plain: reader,
      user: this.services.directory.resolve(channelUserOf(activity)),
      actorId: activity.from.id,
      universal: runsUniversalActions(activity.channelId),
      customers: this.services.customers,
      customerPageUrl: (id) => this.options.customerPageUrl?.(id),
      now: this.services.now,
    };
  }

  private async invokeResponse(context: TurnContext, status: number, body: unknown) {
    await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
  }

  /** One turn: built once, routed, its reply delivered. */
  private async answer(
    context: TurnContext,
    activity: IncomingActivity,
    log: Logger,
    sent: Sent,
    invoke?: ChannelFacts['invoke'],
  ): Promise<unknown> {
    const dc = await this.dialogs.createContext(context);
    const tenantId = tenantOf(activity);
    const i18n = localizer(readerOf(activity)).markdown;
    const channel: ChannelFacts = {
      universal: runsUniversalActions(activity.channelId),
      shared: isSharedConversation(activity.conversation),
      botId: activity.recipient.id,
      ...(invoke ? { invoke } : {}),
    };
    const turn: Turn = {
      i18n,
      user: this.services.directory.resolve(channelUserOf(activity)),
      actor: { id: activity.from.id, name: activity.from.name ?? activity.from.id },
      conversationKey: conversationKey(tenantId, activity.conversation.id),
      channel,
      services: this.services,
      log,
      form: new FormSession(dc, this.recent, () => turn),
      helpLines: () => helpLines(i18n),
    };
    const reply = await route(turn, sent);
    const delivered = await deliver(context, channel, reply.answers, {
      doneText: i18n.t('invoke.done'),
      onUpdateFailure: (error) => log.warn('could not update a card; sending a new one', { error }),
    });
    if (delivered.cardId !== undefined && delivered.cardId !== reply.cardId)
      await reply.cardMoved?.(delivered.cardId);
    return delivered.invokeResponse;
  }

  private async conversationUpdate(context: TurnContext, activity: IncomingActivity, log: Logger) {
    const { membersAdded, membersRemoved } = membershipSchema.parse(context.activity);
    const bot = activity.recipient.id;
    if (membersAdded?.some((m) => m.id === bot)) {
      await this.rememberConversation(context, activity, log);
      const i18n = localizer(readerOf(activity)).markdown;
      await context.sendActivity(
        cardMessage(welcomeCard(i18n), runsUniversalActions(activity.channelId)),
      );
    }
    if (
      membersRemoved?.some((m) => m.id === bot) ||
      activity.channelData?.eventType === 'teamDeleted'
    )
      await this.forgetConversation(activity);
  }

  private async installationUpdate(context: TurnContext, activity: IncomingActivity, log: Logger) {
    const { action } = membershipSchema.parse(context.activity);
    if (action === 'add' || action === 'add-upgrade')
      await this.rememberConversation(context, activity, log);
    if (action === 'remove' || action === 'remove-upgrade') await this.forgetConversation(activity);
  }

  /** Stored on install, when added, and on messages: proactive messages need it. */
  private async rememberConversation(
    context: TurnContext,
    activity: IncomingActivity,
    log: Logger,
  ): Promise<void> {
    // Without the incoming activity's id: a notification starts a message, it does not reply to an old one.
    const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(
      context.activity,
    ) as Record<string, unknown>;
    const tenantId = tenantOf(activity);
    const stored = await this.options.conversations.remember(
      tenantId,
      activity.conversation.id,
      reference,
      readerOf(activity),
    );
    if (!stored)
      log.debug(
        'conversation not remembered: its tenant has reached EMULATOR_CONVERSATIONS_PER_TENANT',
        { tenantId },
      );
  }

  private async forgetConversation(activity: IncomingActivity): Promise<void> {
    await this.options.conversations.forget(
      conversationKey(tenantOf(activity), activity.conversation.id),
    );
  }
}

/** Who reads the bot's answers: the locale and time zone the client sent. */
function readerOf(activity: { locale?: string; localTimezone?: string }): Reader {
  return { locale: activity.locale, timeZone: activity.localTimezone };
}

/** Who sent the activity, as the channel says. */
function channelUserOf(activity: IncomingActivity): ChannelUser {
  return {
    id: activity.from.id,
    name: activity.from.name ?? activity.from.id,
    ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    tenantId: tenantOf(activity),
  };
}

/** The partner tenant of an activity; the same rule keys users and conversations. */
function tenantOf(activity: IncomingActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? LOCAL_TENANT;
}
