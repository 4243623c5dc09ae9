import { randomUUID } from 'node:crypto';
import {
  ActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type BotState,
} from 'botbuilder';
import { DialogSet, type DialogContext, type DialogState } from './dialogs.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { CustomerRecord } from '../domain/customer.js';
import { localizer } from '../i18n/localizer.js';
import type { Logger } from '../log.js';
import type { BotCustomers, BotServices } from './botServices.js';
import { botTurn, channelActivity, readerOf, requestOf, tenantOf, turnLogger } from './botTurn.js';
import { menuCard } from './cards/customerCards.js';
import { helpLines } from './commandList.js';
import type { CommandTurn, FormControl } from './commands/command.js';
import {
  CustomerFormDialog,
  FORM_DIALOG_ID,
  type FormStart,
  type RecentSubmissions,
} from './customerFormDialog.js';
import type { PartnerUserDirectory } from './identity.js';
import type { ConversationDirectory } from './notifications/conversations.js';
import { conversationKey } from '../storage/records/conversation.js';
import { turnReplies } from './turnReplies.js';

export interface EducationBotOptions {
  service: BotCustomers;
  directory: PartnerUserDirectory;
  conversations: ConversationDirectory;
  /** Where each person's form is kept: per conversation and user (PrivateConversationState). */
  formState: BotState;
  log: Logger;
  now?: Clock;
}

/**
 * The Teams bot: one handler per kind of activity. A message is a command (commands/, one
 * module each) or a step of the form, which the form dialog owns. Conversation state (the
 * form on the dialog stack) is saved at the end of a turn.
 */
export class EducationBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly form: CustomerFormDialog;
  private readonly services: BotServices;

  constructor(private readonly options: EducationBotOptions) {
    super();
    const { service: customers, conversations, directory, log } = options;
    this.services = {
      customers,
      conversations,
      directory,
      log,
      now: options.now ?? systemClock,
      newId: randomUUID,
    };
    this.dialogs = new DialogSet(options.formState.createProperty<DialogState>('dialogState'));
    this.form = new CustomerFormDialog(
      this.services,
      options.formState.createProperty<RecentSubmissions>('recentSubmissions'),
    );
    this.dialogs.add(this.form);

    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some(
        (m) => m.id === context.activity.recipient.id,
      );
      if (botAdded) {
        await this.rememberConversation(context);
        const l = localizer(readerOf(channelActivity(context))).markdown;
        await turnReplies(context, () => undefined).sendCard(menuCard(l, l.t('welcome.text')));
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id))
        await this.forgetConversation(context);
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      if (channelActivity(context)?.channelData?.eventType === 'teamDeleted')
        await this.forgetConversation(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetConversation(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      await this.handleMessage(context);
      await next();
    });
  }

  private conversationKeyOf(context: TurnContext): string | undefined {
    const activity = channelActivity(context);
    return activity ? conversationKey(tenantOf(activity), activity.conversation.id) : undefined;
  }

  /** Stored on install, when added, and on any message when absent or moved: proactive messages need it. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = channelActivity(context);
    if (!activity) return;
    // Without the incoming activity's id: a notification starts a message, it does not reply to an old one.
    const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(
      context.activity,
    ) as Record<string, unknown>;
    const stored = await this.options.conversations.remember(
      tenantOf(activity),
      activity.conversation.id,
      reference,
      readerOf(activity),
    );
    if (!stored)
      turnLogger(this.options.log, context.activity).debug(
        'conversation not remembered: its tenant has reached EMULATOR_CONVERSATIONS_PER_TENANT',
        { tenantId: tenantOf(activity) },
      );
  }

  private async forgetConversation(context: TurnContext): Promise<void> {
    const key = this.conversationKeyOf(context);
    if (key) await this.options.conversations.forget(key);
  }

  /**
   * A card's Action.Execute (Teams, the Agents Playground): the same request as a Submit would
   * make, answered with the card that replaces the one acted on, for the person who acted.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.rememberConversation(context);
    await this.handleMessage(context);
    const turn = botTurn(context, this.services);
    const card = turn.replies.invokeAnswer;
    return card
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }
      : // Nothing replaces the card: a short message (the protocol's value is a string here,
        // whatever botbuilder's type says).
        {
          statusCode: 200,
          type: 'application/vnd.microsoft.activity.message',
          value: (turn.replies.lastText ?? turn.l.t('invoke.done')) as unknown as Record<
            string,
            unknown
          >,
        };
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.formState.saveChanges(context, false);
  }

  /** Routes what the user sent: a form step to the dialog, a command to its module. */
  private async handleMessage(context: TurnContext): Promise<void> {
    const request = requestOf(context);
    const dc = await this.dialogs.createContext(context);
    const formActive = dc.activeDialog?.id === FORM_DIALOG_ID;
    const turn = botTurn(context, this.services);
    switch (request.type) {
      case 'form':
        if (formActive) {
          await dc.continueDialog();
          return;
        }
        return this.form.answerOldCard(dc, request);
      case 'invalidSubmit':
        return turn.replies.sendText(turn.l.t('card.stale'));
      case 'command':
        return request.command.run(this.commandTurn(dc, formActive), request.args);
      case 'unknown':
        if (formActive) return turn.replies.sendText(turn.l.t('flow.inProgress'));
        await turn.replies.sendCard(
          menuCard(turn.l, turn.l.t('unknown.text', { text: request.text.slice(0, 100) })),
        );
        return;
    }
  }

  private commandTurn(dc: DialogContext, formActive: boolean): CommandTurn {
    const begin = async (start: FormStart) => {
      // A new form replaces the one under way.
      await dc.cancelAllDialogs();
      await dc.beginDialog(FORM_DIALOG_ID, start);
    };
    const form: FormControl = {
      active: formActive,
      startAdd: () => begin({ kind: 'add' }),
      startCorrection: (record: CustomerRecord) => begin({ kind: 'correct', record }),
      cancel: async () => {
        await dc.continueDialog();
      },
    };
    const turn = botTurn(dc.context, this.services);
    return { ...turn, form, helpLines: () => helpLines(turn.l) };
  }
}
