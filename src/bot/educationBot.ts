import { randomUUID } from 'node:crypto';
import { ActivityHandler, TurnContext, type ConversationState, type StatePropertyAccessor } from 'botbuilder';
import { DialogSet, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { CustomerRecord } from '../domain/customer.js';
import type { PartnerUser } from '../domain/roles.js';
import type { EducationCustomers } from '../service/educationCustomers.js';
import { submissionText, type SubmissionNews } from '../i18n/customerText.js';
import type { Logger } from '../log.js';
import { choiceCard, helpLines, listCard, menuCard, offersCard, statusCard } from './cards/customerCards.js';
import { FORM_DIALOG_ID, FORM_TURN, FormDialog, type FormTurn } from './formDialog.js';
import { continueFlow, startAddFlow, startCorrectFlow, type FlowContext, type FlowStep } from './flows/formFlow.js';
import type { FormFlowState } from './flows/formFlowState.js';
import { localizer, type Reader } from '../i18n/localizer.js';
import { LOCAL_TENANT, type PartnerUserDirectory } from './identity.js';
import { conversationKey, type ConversationDirectory } from './notifications/conversations.js';
import { parseSubmit, parseText, type Command, type FormSubmit, type Request } from './requests.js';
import { refusalText } from '../i18n/serviceMessages.js';
import { turnReplies, type Replies } from './turnReplies.js';
import { systemClock, type Clock } from '../domain/clock.js';

export interface EducationBotOptions {
  service: EducationCustomers;
  directory: PartnerUserDirectory;
  conversations: ConversationDirectory;
  conversationState: ConversationState;
  log: Logger;
  now?: Clock;
}

/** The channel fields the bot reads, checked at the boundary. */
const activitySchema = z.object({
  // Display preferences only: a bad one is ignored (English, UTC), never a refused turn.
  locale: z.string().max(35).optional().catch(undefined),
  localTimezone: z.string().max(64).optional().catch(undefined),
  from: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string(), tenantId: z.string().optional() }),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional(), eventType: z.string().optional() }).loose().optional(),
});

type ChannelActivity = z.infer<typeof activitySchema>;
const PARSED_ACTIVITY = Symbol('parsedActivity');

/** The activity's channel fields, parsed once per turn; undefined when the channel left them out. */
function channelActivity(context: TurnContext): ChannelActivity | undefined {
  if (!context.turnState.has(PARSED_ACTIVITY)) context.turnState.set(PARSED_ACTIVITY, activitySchema.safeParse(context.activity).data);
  return context.turnState.get(PARSED_ACTIVITY) as ChannelActivity | undefined;
}

/** Who reads the bot's answers: the locale and time zone the client sent. */
function readerOf(activity: ChannelActivity | undefined): Reader {
  return { locale: activity?.locale, timeZone: activity?.localTimezone };
}

/** The partner tenant of an activity; the same rule keys users and conversations. */
function tenantOf(activity: ChannelActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? LOCAL_TENANT;
}

/** Flows that stored a customer, so a late second submit of their card shows it instead of a stale notice. */
type RecentSubmissions = Record<string, string>;
const MAX_RECENT_SUBMISSIONS = 20;

interface Turn extends FlowContext {
  context: TurnContext;
  replies: Replies;
  /** This conversation's key in the conversation directory. */
  conversationKey: string;
}

/**
 * The Teams bot: one handler per kind of activity; each request (typed or from a card) goes to
 * one function. Conversation state (the form on the dialog stack) is saved at the end of a turn.
 */
export class EducationBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly recent: StatePropertyAccessor<RecentSubmissions>;
  private readonly now: Clock;

  constructor(private readonly options: EducationBotOptions) {
    super();
    this.now = options.now ?? systemClock;
    this.dialogs = new DialogSet(options.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new FormDialog());
    this.recent = options.conversationState.createProperty<RecentSubmissions>('recentSubmissions');

    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        await this.rememberConversation(context);
        const l = localizer(readerOf(channelActivity(context))).markdown;
        await turnReplies(context, () => undefined).sendCard(menuCard(l, l.t('welcome.text')));
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      if (context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient.id)) await this.forgetConversation(context);
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      if (channelActivity(context)?.channelData?.eventType === 'teamDeleted') await this.forgetConversation(context);
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
    const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    const stored = await this.options.conversations.remember(tenantOf(activity), activity.conversation.id, reference, readerOf(activity));
    if (!stored) this.options.log.debug('conversation not remembered: its tenant has reached EMULATOR_CONVERSATIONS_PER_TENANT', { tenantId: tenantOf(activity) });
  }

  private async forgetConversation(context: TurnContext): Promise<void> {
    const key = this.conversationKeyOf(context);
    if (key) await this.options.conversations.forget(key);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  private turn(context: TurnContext): Turn {
    const activity = channelActivity(context);
    if (!activity) throw new Error('The activity has no sender or conversation.');
    // Cards and messages are Markdown: what users typed is escaped wherever it is filled in.
    const l = localizer(readerOf(activity)).markdown;
    const tenantId = tenantOf(activity);
    const user: PartnerUser = this.options.directory.resolve({
      id: activity.from.id,
      name: activity.from.name ?? activity.from.id,
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
      tenantId,
    });
    const replies = turnReplies(context, (error) => this.options.log.warn('could not update a card; sending a new one', { activityId: context.activity.id, error }));
    const key = conversationKey(tenantId, activity.conversation.id);
    const followSubmission = async (customerId: string, cardActivityId: string | undefined) => {
      await this.options.conversations.recordSubmission(key, customerId, cardActivityId);
    };
    return { context, replies, l, user, conversationKey: key, service: this.options.service, now: this.now, newId: randomUUID, followSubmission };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    const request: Request = value !== undefined && value !== null ? parseSubmit(value) : parseText(TurnContext.removeRecipientMention(context.activity) ?? '');
    const turn = this.turn(context);
    const dc = await this.dialogs.createContext(context);
    const activeFlow = dc.activeDialog?.id === FORM_DIALOG_ID ? (dc.activeDialog.state.flow as FormFlowState | undefined) : undefined;

    switch (request.type) {
      case 'form':
        return this.formSubmit(turn, dc, activeFlow, request);
      case 'invalidSubmit':
        return turn.replies.sendText(turn.l.t('card.stale'));
      case 'cancel':
        if (!activeFlow) return turn.replies.sendText(turn.l.t('cancel.nothing'));
        return this.runForm(turn, dc, () => continueFlow(turn, activeFlow, { type: 'form', flowId: activeFlow.flowId, intent: 'cancel', values: {} }));
      case 'add':
        await dc.cancelAllDialogs();
        return this.runForm(turn, dc, () => startAddFlow(turn), true);
      case 'resubmit':
        return this.withCustomer(turn, request.customer, 'resubmit', async (record) => {
          await dc.cancelAllDialogs();
          return this.runForm(turn, dc, () => startCorrectFlow(turn, record), true);
        });
      case 'status':
        return this.withCustomer(turn, request.customer, 'status', (record) => this.showStatus(turn, record.id));
      case 'offers':
        return this.withCustomer(turn, request.customer, 'offers', (record) => this.showOffers(turn, record));
      case 'customers':
        return this.showCustomers(turn, request);
      case 'follow':
        return this.withCustomer(turn, request.customer, 'status', async (record) => {
          await this.options.conversations.follow(turn.conversationKey, record.id, request.follow);
          await turn.replies.sendText(turn.l.t(request.follow ? 'follow.done' : 'unfollow.done', { company: record.companyProfile.companyName }));
        });
      case 'notify':
        await this.options.conversations.setFollowAll(turn.conversationKey, request.all);
        return turn.replies.sendText(turn.l.t(request.all ? 'notify.allOn' : 'notify.mineOn'));
      case 'help':
        return void (await turn.replies.sendCard(menuCard(turn.l, turn.l.t('help.title'), helpLines(turn.l))));
      case 'welcome':
        return void (await turn.replies.sendCard(menuCard(turn.l, turn.l.t('welcome.text'))));
      case 'unknown':
        if (activeFlow) return turn.replies.sendText(turn.l.t('flow.inProgress'));
        return void (await turn.replies.sendCard(menuCard(turn.l, turn.l.t('unknown.text', { text: request.text.slice(0, 100) }))));
    }
  }

  /** Starts or continues the form on the dialog stack with the step `run` computes. */
  private async runForm(turn: Turn, dc: DialogContext, run: () => Promise<FlowStep>, begin = false): Promise<void> {
    const formTurn: FormTurn = {
      replies: turn.replies,
      runStep: run,
      onSubmitted: async (flowId, customerId, shownCardId, followedCardId) => {
        await this.remember(turn.context, flowId, customerId);
        // The follow was stored before the card said "In review" (the flow did it); when the card
        // had to be sent anew, the decision should update that one instead. Best effort.
        if (shownCardId && shownCardId !== followedCardId) {
          await this.options.conversations.recordSubmission(turn.conversationKey, customerId, shownCardId).catch((error: unknown) =>
            this.options.log.warn('could not point the follow at the new submitted card', { customerId, error }),
          );
        }
      },
    };
    turn.context.turnState.set(FORM_TURN, formTurn);
    if (begin) await dc.beginDialog(FORM_DIALOG_ID);
    else await dc.continueDialog();
  }

  private async formSubmit(turn: Turn, dc: DialogContext, activeFlow: FormFlowState | undefined, submit: FormSubmit): Promise<void> {
    if (activeFlow && activeFlow.flowId === submit.flowId) {
      const formLocale = activeFlow.locale ?? activeFlow.language;
      const inFlowLanguage = formLocale ? { ...turn, l: localizer({ locale: formLocale, timeZone: turn.l.timeZone }).markdown } : turn;
      return this.runForm(inFlowLanguage, dc, () => continueFlow(inFlowLanguage, activeFlow, submit));
    }
    // A card from a flow that is over: if it stored a customer, show that customer.
    const customerId = (await this.recent.get(turn.context, {}))[submit.flowId];
    if (customerId && submit.intent !== 'cancel') {
      // Only a resubmission is confirmed: its retried click says so, with the request it made.
      return this.showStatus(turn, customerId, submit.intent === 'confirm' ? 'resubmittedAgain' : 'submittedAgain');
    }
    return turn.replies.sendText(turn.l.t('card.stale'));
  }

  private async remember(context: TurnContext, flowId: string, customerId: string): Promise<void> {
    const recent = await this.recent.get(context, {});
    const entries = Object.entries({ ...recent, [flowId]: customerId }).slice(-MAX_RECENT_SUBMISSIONS);
    await this.recent.set(context, Object.fromEntries(entries));
  }

  /** Finds the one customer a command names; asks which when several match. */
  private async withCustomer(turn: Turn, query: string, cmd: 'status' | 'resubmit' | 'offers', action: (record: CustomerRecord) => Promise<void>): Promise<void> {
    if (!query) return turn.replies.sendText(turn.l.t(`${cmd}.prompt`));
    const found = await turn.service.findCustomers(turn.user, query);
    if (!found.ok) return turn.replies.sendText(refusalText(turn.l, found.error));
    const matches = found.value;
    if (matches.length === 0) return turn.replies.sendText(turn.l.t('notFound', { query }));
    if (matches.length > 1) return void (await turn.replies.sendCard(choiceCard(turn.l, query, matches, cmd)));
    return action(matches[0]!);
  }

  private async showStatus(turn: Turn, customerId: string, news?: SubmissionNews): Promise<void> {
    const status = await turn.service.getQualificationStatus(turn.user, customerId);
    if (!status.ok) return turn.replies.sendText(refusalText(turn.l, status.error));
    const following = (await this.options.conversations.get(turn.conversationKey))?.follows.includes(customerId) ?? false;
    await turn.replies.sendCard(statusCard(turn.l, status.value, turn.user, { following, ...(news ? { title: turn.l.t('submitted.title'), intro: submissionText(turn.l, news, status.value) } : {}) }));
  }

  private async showOffers(turn: Turn, record: CustomerRecord): Promise<void> {
    const options = await turn.service.purchaseOptions(turn.user, record.id);
    if (!options.ok) return turn.replies.sendText(refusalText(turn.l, options.error));
    await turn.replies.sendCard(offersCard(turn.l, record.companyProfile.companyName, options.value));
  }

  private async showCustomers(turn: Turn, request: Extract<Command, { type: 'customers' }>): Promise<void> {
    if (request.badStatus) return turn.replies.sendText(turn.l.t('list.unknownStatus'));
    const page = await turn.service.listCustomers(turn.user, { ...(request.status ? { status: request.status } : {}), ...(request.cursor ? { cursor: request.cursor } : {}) });
    if (!page.ok) return turn.replies.sendText(refusalText(turn.l, page.error));
    await turn.replies.sendCard(listCard(turn.l, page.value, request.status));
  }
}
