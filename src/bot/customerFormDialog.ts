import { Dialog, type DialogContext, type DialogTurnResult } from './dialogs.js';
import type { StatePropertyAccessor } from 'botbuilder';
import type { CustomerRecord } from '../domain/customer.js';
import { localizer } from '../i18n/localizer.js';
import type { BotServices, BotTurn } from './botServices.js';
import { botTurn, requestOf } from './botTurn.js';
import {
  continueFlow,
  startAddFlow,
  startCorrectFlow,
  type FlowContext,
  type FlowStep,
} from './flows/formFlow.js';
import type { FormFlowState } from './flows/formFlowState.js';
import type { FormSubmit } from './requests.js';
import { showStatus } from './statusReply.js';
import { withRefresh } from './cards/actions.js';
import { formWatchCard } from './cards/formCards.js';
import type { AdaptiveCard } from './cards/templates.js';

export const FORM_DIALOG_ID = 'educationCustomerForm';

/** How a form begins: a new customer, or the correction of a denied one. */
export type FormStart = { kind: 'add' } | { kind: 'correct'; record: CustomerRecord };

/** What the dialog keeps on the stack: the form's state. */
interface FormDialogState {
  flow?: FormFlowState;
}

/** Flows that stored a customer, so a late second submit of their card shows it instead of a stale notice. */
export type RecentSubmissions = Record<string, string>;
const MAX_RECENT_SUBMISSIONS = 20;

/**
 * The dialog that walks a partner through adding (or correcting) a customer. Each turn it reads
 * the form's state once from the dialog stack, runs the pure transition (flows/formFlow.ts),
 * shows the step (the flow's one card, updated in place) and saves the new state. It takes
 * everything else from the turn itself: who the user is, what they sent, in which language.
 */
export class CustomerFormDialog extends Dialog<FormStart> {
  constructor(
    private readonly services: BotServices,
    private readonly recent: StatePropertyAccessor<RecentSubmissions>,
  ) {
    super(FORM_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext, start?: FormStart): Promise<DialogTurnResult> {
    const turn = botTurn(dc.context, this.services);
    const ctx = this.flowContext(turn);
    const step =
      start?.kind === 'correct'
        ? await startCorrectFlow(ctx, start.record)
        : await startAddFlow(ctx);
    return this.show(dc, turn, undefined, step);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const turn = botTurn(dc.context, this.services);
    const flow = (dc.activeDialog?.state as FormDialogState | undefined)?.flow;
    const request = requestOf(dc.context);
    let submit: FormSubmit;
    if (request.type === 'form') {
      if (!flow || request.flowId !== flow.flowId) {
        await this.answerOldCard(dc, request);
        return Dialog.EndOfTurn;
      }
      submit = request;
    } else if (flow && request.type === 'command' && request.command.name === 'cancel') {
      submit = { type: 'form', flowId: flow.flowId, intent: 'cancel', values: {} };
    } else {
      return Dialog.EndOfTurn;
    }
    // The form keeps the locale it started in, whatever locale a later submit carries.
    const formLocale = flow.locale ?? flow.language;
    const inFormLanguage = formLocale
      ? { ...turn, l: localizer({ locale: formLocale, timeZone: turn.l.timeZone }).markdown }
      : turn;
    return this.show(
      dc,
      inFormLanguage,
      flow,
      await continueFlow(this.flowContext(inFormLanguage), flow, submit),
    );
  }

  /**
   * A card of a form that is over (or another one): if that form stored a customer, the customer's
   * status; otherwise the card is stale.
   */
  async answerOldCard(dc: DialogContext, submit: FormSubmit): Promise<void> {
    const turn = botTurn(dc.context, this.services);
    const customerId = (await this.recent.get(dc.context, {}))[submit.flowId];
    if (customerId && submit.intent !== 'cancel') {
      // Only a resubmission is confirmed: its retried click says so, with the request it made.
      return showStatus(
        turn,
        customerId,
        submit.intent === 'confirm' ? 'resubmittedAgain' : 'submittedAgain',
      );
    }
    // Someone else's form, seen in a group chat: the read-only view, not theirs.
    if (submit.intent === 'refresh')
      return turn.replies.answerCard(formWatchCard(turn.l, submit.owner ?? ''));
    return turn.replies.sendText(turn.l.t('card.stale'));
  }

  private flowContext(turn: BotTurn): FlowContext {
    const { customers, conversations, now, newId } = this.services;
    return {
      service: customers,
      user: turn.user,
      l: turn.l,
      now,
      newId,
      actor: { id: turn.fromId, name: turn.fromName },
      followSubmission: async (customerId, cardActivityId) => {
        await conversations.recordSubmission(turn.conversationKey, customerId, cardActivityId);
      },
    };
  }

  /** Shows the step, remembers a stored customer, and keeps or ends the form. */
  private async show(
    dc: DialogContext,
    turn: BotTurn,
    current: FormFlowState | undefined,
    step: FlowStep,
  ): Promise<DialogTurnResult> {
    const cardActivityId = await showFlowStep(turn, step, current?.cardActivityId);
    const flowId = (step.flow ?? current)?.flowId;
    if (step.submittedCustomerId && flowId)
      await this.submitted(
        dc,
        turn,
        flowId,
        step.submittedCustomerId,
        cardActivityId,
        current?.cardActivityId,
      );
    const active = dc.activeDialog;
    if (!step.flow || !active) return dc.endDialog();
    (active.state as FormDialogState).flow = {
      ...step.flow,
      ...(cardActivityId ? { cardActivityId } : {}),
    };
    return Dialog.EndOfTurn;
  }

  private async submitted(
    dc: DialogContext,
    turn: BotTurn,
    flowId: string,
    customerId: string,
    shownCardId: string | undefined,
    followedCardId: string | undefined,
  ): Promise<void> {
    const recent = await this.recent.get(dc.context, {});
    const entries = Object.entries({ ...recent, [flowId]: customerId }).slice(
      -MAX_RECENT_SUBMISSIONS,
    );
    await this.recent.set(dc.context, Object.fromEntries(entries));
    // The follow was stored before the card said "In review" (the flow did it); when the card had
    // to be sent anew, the decision should update that one instead. Best effort.
    if (shownCardId && shownCardId !== followedCardId) {
      await this.services.conversations
        .recordSubmission(turn.conversationKey, customerId, shownCardId)
        .catch((error: unknown) =>
          turn.log.warn('could not point the follow at the new submitted card', {
            customerId,
            error,
          }),
        );
    }
  }
}

/** Shows what a flow step asks for: the flow's one card updated in place, new cards, texts. */
async function showFlowStep(
  turn: BotTurn,
  step: FlowStep,
  cardActivityId: string | undefined,
): Promise<string | undefined> {
  const { replies } = turn;
  const flow = step.flow;
  // With Universal Actions, a form card refreshes for its owner; in a group chat or a channel the
  // message everyone sees says whose form it is, and the owner's own view is the form itself.
  const ownView = (card: AdaptiveCard): AdaptiveCard =>
    replies.universal && flow?.owner
      ? withRefresh(
          card,
          { kind: 'form', flowId: flow.flowId, intent: 'refresh', owner: flow.owner.name },
          replies.shared ? [flow.owner.id] : [],
        )
      : card;
  let cardId = cardActivityId;
  for (const item of step.show) {
    if ('text' in item) {
      await replies.sendText(item.text);
      continue;
    }
    const card = ownView(item.card);
    // Once the form is over, its message shows the outcome to everyone.
    const updated =
      item.replacesFlowCard &&
      cardId !== undefined &&
      (await replies.updateCard(cardId, card, { forEveryone: flow === undefined }));
    if (updated) continue;
    const owner = replies.universal && replies.shared ? flow?.owner : undefined;
    cardId =
      (await replies.sendCard(owner ? ownView(formWatchCard(turn.l, owner.name)) : card)) ?? cardId;
  }
  return cardId;
}
