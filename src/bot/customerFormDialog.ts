import type { StatePropertyAccessor } from 'botbuilder';
import { localizer } from '../i18n/localizer.js';
import { formWatchCard, refreshedForOwner } from './cards/formCards.js';
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogs.js';
import {
  continueFlow,
  startAddFlow,
  startCorrectFlow,
  type FlowContext,
  type FlowStep,
} from './flows/formFlow.js';
import type { FormFlowState } from './formState.js';
import { statusReply } from './statusReply.js';
import {
  refreshReply,
  textReply,
  type Answer,
  type FormControl,
  type FormEvent,
  type FormSubmit,
  type Reply,
  type Turn,
} from './turn.js';

const FORM_DIALOG_ID = 'educationCustomerForm';

/** Stored state has a version: a later shape dates itself, and a branch for an older one can be dated and removed. */
const FORM_STATE_VERSION = 1;

/** What the dialog keeps on the stack: the form's state. */
interface FormDialogState {
  version: typeof FORM_STATE_VERSION;
  flow: FormFlowState;
}

/** Flows that stored a customer, so a late second submit of their card shows it instead of a stale notice. */
export type RecentSubmissions = Record<string, string>;
const MAX_RECENT_SUBMISSIONS = 20;

/**
 * The form as a Bot Framework dialog on the conversation's dialog stack (the product's design):
 * the stack keeps the form's state between turns, and nothing else. Every step is taken by
 * FormSession, which reads that state once, runs the form's pure transition (flows/formFlow.ts)
 * and writes the new state once, before its card is out.
 */
export class CustomerFormDialog extends Dialog<FormDialogState> {
  constructor() {
    super(FORM_DIALOG_ID);
  }

  override beginDialog(dc: DialogContext, state?: FormDialogState): Promise<DialogTurnResult> {
    Object.assign(dc.activeDialog?.state ?? {}, state);
    return Promise.resolve(Dialog.EndOfTurn);
  }
}

/** The form of the person acting in this conversation, this turn. */
export class FormSession implements FormControl {
  constructor(
    private readonly dc: DialogContext,
    private readonly recent: StatePropertyAccessor<RecentSubmissions>,
    private readonly turn: () => Turn,
  ) {}

  /** The form's state on the stack, as it is now (undefined: no form, or one kept in an older shape). */
  private get state(): FormDialogState | undefined {
    const active = this.dc.activeDialog;
    const state = active?.state as Partial<FormDialogState> | undefined;
    // A form kept in an older shape is dropped: that person starts the form again.
    return active?.id === FORM_DIALOG_ID &&
      state?.version === FORM_STATE_VERSION &&
      state.flow !== undefined
      ? (state as FormDialogState)
      : undefined;
  }

  get active(): boolean {
    return this.state !== undefined;
  }

  async run(event: FormEvent): Promise<Reply> {
    const turn = this.turn();
    const current = this.state?.flow;
    switch (event.kind) {
      case 'start': {
        const ctx = flowContext(turn);
        const step =
          event.start.kind === 'correct'
            ? await startCorrectFlow(ctx, event.start.record)
            : await startAddFlow(ctx);
        // A new form replaces the one under way; a refused start leaves it as it was.
        return this.shown(turn, undefined, step, 'begins');
      }
      case 'submit':
        if (!current || event.submit.flowId !== current.flowId)
          return this.answerOldCard(turn, event.submit);
        return this.continued(turn, current, event.submit);
      case 'cancel':
        if (!current) return textReply(turn.i18n.t('cancel.nothing'));
        return this.continued(turn, current, {
          type: 'form',
          flowId: current.flowId,
          intent: 'cancel',
          values: {},
        });
    }
  }

  private async continued(turn: Turn, flow: FormFlowState, submit: FormSubmit): Promise<Reply> {
    // The form keeps the locale it started in, whatever locale a later submit carries.
    const inFormLanguage =
      flow.locale === turn.i18n.locale
        ? turn
        : {
            ...turn,
            i18n: localizer({ locale: flow.locale, timeZone: turn.i18n.timeZone }).markdown,
          };
    const step = await continueFlow(flowContext(inFormLanguage), flow, submit);
    return this.shown(inFormLanguage, flow, step, 'continues');
  }

  /**
   * A card of a form that is over (or another one): if that form stored a customer, the customer's
   * status; otherwise the card is stale.
   */
  private async answerOldCard(turn: Turn, submit: FormSubmit): Promise<Reply> {
    const customerId = (await this.recent.get(this.dc.context, {}))[submit.flowId];
    if (customerId && submit.intent !== 'cancel') {
      // Only a resubmission is confirmed: its retried click says so, with the request it made.
      return statusReply(
        turn,
        customerId,
        submit.intent === 'confirm' ? 'resubmittedAgain' : 'submittedAgain',
      );
    }
    // Someone else's form, seen in a group chat: the read-only view, not theirs.
    if (submit.intent === 'refresh')
      return refreshReply(formWatchCard(turn.i18n, submit.owner ?? ''));
    return textReply(turn.i18n.t('card.stale'));
  }

  /**
   * The step's answers, with the form's new state written now, pointing at the card the step
   * replaces; only when the card went to a new message (a form begun, an update that failed)
   * does the form learn its new card after delivery.
   */
  private async shown(
    turn: Turn,
    current: FormFlowState | undefined,
    step: FlowStep,
    how: 'begins' | 'continues',
  ): Promise<Reply> {
    const flowId = (step.flow ?? current)?.flowId;
    const customerId = step.submittedCustomerId;
    if (customerId && flowId) await this.rememberSubmission(flowId, customerId);
    const cardId = current?.cardActivityId;
    const flow = step.flow && { ...step.flow, ...(cardId ? { cardActivityId: cardId } : {}) };
    await this.keep(flow, how);
    return {
      answers: answersOf(turn, step, cardId),
      cardId,
      cardMoved: async (movedTo) => {
        if (this.state && flow) this.state.flow = { ...flow, cardActivityId: movedTo };
        // The follow was stored before the card said "In review" (the flow did it): the
        // decision should update the new card instead. Best effort.
        if (customerId)
          await turn.services.conversations
            .recordSubmission(turn.conversationKey, customerId, movedTo)
            .catch((error: unknown) =>
              turn.log.warn('could not point the follow at the new submitted card', {
                customerId,
                error,
              }),
            );
      },
    };
  }

  /** Writes the form's state on the dialog stack: begun anew, kept, or ended. */
  private async keep(flow: FormFlowState | undefined, how: 'begins' | 'continues'): Promise<void> {
    if (!flow) {
      if (how === 'continues') await this.dc.cancelAllDialogs();
      return;
    }
    if (this.state && how === 'continues') {
      this.state.flow = flow;
      return;
    }
    await this.dc.cancelAllDialogs();
    await this.dc.beginDialog(FORM_DIALOG_ID, { version: FORM_STATE_VERSION, flow });
  }

  private async rememberSubmission(flowId: string, customerId: string): Promise<void> {
    const recent = await this.recent.get(this.dc.context, {});
    const entries = Object.entries({ ...recent, [flowId]: customerId }).slice(
      -MAX_RECENT_SUBMISSIONS,
    );
    await this.recent.set(this.dc.context, Object.fromEntries(entries));
  }
}

function flowContext(turn: Turn): FlowContext {
  const { customers, vetting, conversations, now, newId } = turn.services;
  return {
    customers,
    vetting,
    user: turn.user,
    i18n: turn.i18n,
    now,
    newId,
    actor: turn.actor,
    shared: turn.channel.shared,
    followSubmission: async (customerId, cardActivityId) => {
      await conversations.recordSubmission(turn.conversationKey, customerId, cardActivityId);
    },
  };
}

/** What a flow step shows: the flow's one card updated in place, new cards, texts. */
function answersOf(turn: Turn, step: FlowStep, cardActivityId: string | undefined): Answer[] {
  const { universal, shared } = turn.channel;
  const flow = step.flow;
  // With Universal Actions, in a group chat or a channel the message everyone sees says whose
  // form it is, and refreshes into the form itself for its owner (the flow's cards do already).
  const watchCard =
    universal && shared && flow?.owner
      ? refreshedForOwner(formWatchCard(turn.i18n, flow.owner.name), flow, shared)
      : undefined;
  return step.show.map((item): Answer => {
    if ('text' in item) return item;
    return {
      card: item.card,
      replaces: item.replacesFlowCard ? cardActivityId : undefined,
      // Once the form is over, its message shows the outcome to everyone.
      forEveryone: flow === undefined,
      ...(watchCard ? { otherwise: watchCard } : {}),
    };
  });
}
