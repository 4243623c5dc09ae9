import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { FlowStep } from './flows/formFlow.js';
import type { FormFlowState } from './flows/formFlowState.js';
import type { Replies } from './turnReplies.js';

export const FORM_DIALOG_ID = 'educationCustomerForm';

/** Shows what a flow step asks for: the flow's one card updated in place, new cards, texts. */
async function showFlowStep(replies: Replies, step: FlowStep, cardActivityId: string | undefined): Promise<string | undefined> {
  let cardId = cardActivityId;
  for (const item of step.show) {
    if ('text' in item) {
      await replies.sendText(item.text);
      continue;
    }
    const updated = item.replacesFlowCard && cardId !== undefined && (await replies.updateCard(cardId, item.card));
    if (!updated) cardId = (await replies.sendCard(item.card)) ?? cardId;
  }
  return cardId;
}

/**
 * The dialog that holds a form flow on the dialog stack, persisted with the conversation state.
 * The flow's logic lives in flows/formFlow.ts; this only stores its state and shows its steps.
 * `runStep` is given per turn, because each turn has its own user, language and replies.
 */
export interface FormTurn {
  replies: Replies;
  /** The next step of the flow for this turn's input (or the first step, on begin). */
  runStep(flow: FormFlowState | undefined): Promise<FlowStep>;
  /**
   * Called when a step stored a customer, with the flow that did it, the card now showing it, and
   * the card the flow had before (the one its follow names).
   */
  onSubmitted(flowId: string, customerId: string, shownCardId: string | undefined, followedCardId: string | undefined): Promise<void>;
}

export const FORM_TURN = Symbol('formTurn');

export class FormDialog extends Dialog<FormFlowState> {
  constructor() {
    super(FORM_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.advance(dc, undefined);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.advance(dc, dc.activeDialog?.state.flow as FormFlowState | undefined);
  }

  private async advance(dc: DialogContext, current: FormFlowState | undefined): Promise<DialogTurnResult> {
    const turn = dc.context.turnState.get(FORM_TURN) as FormTurn;
    const step = await turn.runStep(current);
    const cardActivityId = await showFlowStep(turn.replies, step, current?.cardActivityId);
    const flowId = (step.flow ?? current)?.flowId;
    if (step.submittedCustomerId && flowId) await turn.onSubmitted(flowId, step.submittedCustomerId, cardActivityId, current?.cardActivityId);
    if (!step.flow) return dc.endDialog();
    dc.activeDialog!.state.flow = { ...step.flow, ...(cardActivityId ? { cardActivityId } : {}) } satisfies FormFlowState;
    return Dialog.EndOfTurn;
  }
}
