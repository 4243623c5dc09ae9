import { MAX_VERIFICATION_REQUESTS, type CustomerRecord } from '../../domain/customer.js';
import {
  CUSTOMER_SECTIONS_IN_ORDER,
  CUSTOMER_SECTIONS,
  type CustomerSection,
} from '../../domain/fields.js';
import { customerFormValues } from '../../domain/customerRecord.js';
import { withCulture } from '../../domain/customerInput.js';
import type { Issue } from '../../domain/issues.js';
import { authorize, type PartnerUser } from '../../domain/roles.js';
import { requestsLeft } from '../../domain/vetting.js';
import type { ServiceError } from '../../service/educationCustomers.js';
import type { BotServices } from '../botServices.js';
import { submissionText, type SubmissionNews } from '../../i18n/customerText.js';
import { noticeCard, statusCard } from '../cards/customerCards.js';
import {
  confirmCard,
  formStepCard,
  formTitle,
  refreshedForOwner,
  reviewCard,
  unfinishedSubmitCard,
} from '../cards/formCards.js';
import type { AdaptiveCard } from '../cards/templates.js';
import type { Localizer } from '../../i18n/localizer.js';
import { customerMadeEarlier, resubmittedEarlier } from '../../service/repeatedSubmission.js';
import type { FormSubmit } from '../turn.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import type { FormFlowState } from '../formState.js';
import { latestCalendarDate, type Clock } from '../../domain/clock.js';

/**
 * The add-customer and correct-and-resubmit forms as a state machine: the current state and what
 * the user sent → the next state and what to show. No Bot Framework type in here.
 */

export interface FlowContext {
  customers: BotServices['customers'];
  vetting: BotServices['vetting'];
  user: PartnerUser;
  i18n: Localizer;
  now: Clock;
  newId: () => string;
  /** The person acting, as the channel names them. */
  actor: { id: string; name: string };
  /** A group chat or a channel: the form's cards refresh for its owner only. */
  shared: boolean;
  /**
   * This conversation follows the customer it just submitted, and its card (when known) is the
   * one to show the decision. Throws when that cannot be stored.
   */
  followSubmission(customerId: string, cardActivityId: string | undefined): Promise<void>;
}

/** A card that replaces the flow's card in place, a new card, or a text message. */
type Show = { card: AdaptiveCard; replacesFlowCard: boolean } | { text: string };

export interface FlowStep {
  /** Undefined: the flow has ended. */
  flow: FormFlowState | undefined;
  show: Show[];
  /** Set when the flow stored a customer (created or resubmitted). */
  submittedCustomerId?: string;
}

/** The flow is over: what it shows last. */
const endFlow = (...show: Show[]): FlowStep => ({ flow: undefined, show });
const textMessage = (text: string): Show => ({ text });

/** While the form runs, each of its cards refreshes for its owner. */
function ownersCards(ctx: FlowContext, step: FlowStep): FlowStep {
  const flow = step.flow;
  if (!flow) return step;
  return {
    ...step,
    show: step.show.map((item) =>
      'card' in item ? { ...item, card: refreshedForOwner(item.card, flow, ctx.shared) } : item,
    ),
  };
}

/** The latest date a person may pick as "today", wherever they are (the service's rule). */
function today(ctx: FlowContext): string {
  return latestCalendarDate(ctx.now());
}

/** A check of the whole draft: what the review shows (its warnings, the customer as it would be). */
type DraftReport = Awaited<ReturnType<BotServices['customers']['validateDraft']>>;

function checkWholeDraft(ctx: FlowContext, flow: FormFlowState): Promise<DraftReport> {
  return ctx.customers.validateDraft(serviceInput(ctx, flow), CUSTOMER_SECTIONS_IN_ORDER, {
    correcting: flow.kind === 'correct',
  });
}

/** The card for the flow's current step; the review's from a check of the draft, made here unless given. */
async function render(
  ctx: FlowContext,
  flow: FormFlowState,
  checked?: DraftReport,
): Promise<AdaptiveCard> {
  switch (flow.step) {
    case 'review': {
      const report = checked ?? (await checkWholeDraft(ctx, flow));
      return reviewCard(ctx.i18n, flow, report.warnings, report.value);
    }
    case 'confirm':
      return confirmCard(ctx.i18n, flow, MAX_VERIFICATION_REQUESTS);
    default:
      return formStepCard(ctx.i18n, flow, flow.step, today(ctx));
  }
}

/** Shows the flow at its step: its card replaces the flow's card (unless it is the first). */
async function showStep(
  ctx: FlowContext,
  flow: FormFlowState,
  options: { first?: boolean; checked?: DraftReport } = {},
): Promise<FlowStep> {
  return {
    flow,
    show: [{ card: await render(ctx, flow, options.checked), replacesFlowCard: !options.first }],
  };
}

/** The draft as the service takes it: the partner's language as the customer's default culture. */
const serviceInput = (ctx: FlowContext, flow: FormFlowState): Record<string, string> =>
  withCulture(flow.draft, ctx.i18n.language);

export async function startAddFlow(ctx: FlowContext): Promise<FlowStep> {
  return ownersCards(ctx, await addFlow(ctx));
}

async function addFlow(ctx: FlowContext): Promise<FlowStep> {
  const refusal = authorize(ctx.user, 'addCustomer');
  if (refusal) return endFlow(textMessage(refusalText(ctx.i18n, refusal)));
  const flow: FormFlowState = {
    kind: 'add',
    owner: ctx.actor,
    locale: ctx.i18n.locale,
    flowId: ctx.newId(),
    step: 'organisation',
    draft: {},
    returnToReview: false,
    issues: [],
  };
  return showStep(ctx, flow, { first: true });
}

/** Only a Global admin, only a denied customer, only while requests are left (checked again on confirm). */
export async function startCorrectFlow(
  ctx: FlowContext,
  record: CustomerRecord,
): Promise<FlowStep> {
  return ownersCards(ctx, await correctFlow(ctx, record));
}

async function correctFlow(ctx: FlowContext, record: CustomerRecord): Promise<FlowStep> {
  const company = record.companyProfile.companyName;
  const refusal = authorize(ctx.user, 'correctAndResubmit');
  if (refusal) return endFlow(textMessage(refusalText(ctx.i18n, refusal, company)));
  const q = record.qualification;
  if (q.vettingStatus !== 'Denied')
    return endFlow(
      textMessage(refusalText(ctx.i18n, { code: 'notDenied', status: q.vettingStatus }, company)),
    );
  if (requestsLeft(q) === 0) {
    return endFlow(
      textMessage(
        refusalText(
          ctx.i18n,
          {
            code: 'requestLimitReached',
            used: q.verificationRequests,
            max: MAX_VERIFICATION_REQUESTS,
          },
          company,
        ),
      ),
    );
  }
  const values = customerFormValues(record);
  const draft = Object.fromEntries(
    Object.entries(values).filter(([k]) => k !== 'culture' && k !== 'language'),
  );
  const flow: FormFlowState = {
    kind: 'correct',
    owner: ctx.actor,
    locale: ctx.i18n.locale,
    flowId: ctx.newId(),
    step: 'organisation',
    draft,
    returnToReview: false,
    issues: [],
    customerId: record.id,
    company,
    domain: record.companyProfile.domain,
    request: q.verificationRequests + 1,
    original: draft,
  };
  return showStep(ctx, flow, { first: true });
}

/** Back to the first step with a problem, showing every problem of that step. */
async function backToProblems(
  ctx: FlowContext,
  flow: FormFlowState,
  issues: Issue[],
): Promise<FlowStep> {
  const step =
    CUSTOMER_SECTIONS_IN_ORDER.find((s) =>
      issues.some((i) => (CUSTOMER_SECTIONS[s] as readonly string[]).includes(i.field)),
    ) ?? 'organisation';
  return showStep(ctx, { ...flow, step, issues, returnToReview: true });
}

async function afterRefusal(
  ctx: FlowContext,
  flow: FormFlowState,
  error: ServiceError,
): Promise<FlowStep> {
  if (error.code === 'validation') return backToProblems(ctx, flow, error.issues);
  // Partner Center did not answer in time, or its profile changed meanwhile: the form stays, and
  // its button finishes what is missing.
  if (error.code === 'partnerCenterUnavailable' || error.code === 'partnerCenterProfileChanged')
    return {
      flow,
      show: [
        {
          card: unfinishedSubmitCard(
            ctx.i18n,
            flow,
            refusalText(ctx.i18n, error, flow.company || (flow.draft.companyName ?? '')),
          ),
          replacesFlowCard: true,
        },
      ],
    };
  return endFlow({
    card: noticeCard(formTitle(ctx.i18n, flow), [refusalText(ctx.i18n, error, flow.company)]),
    replacesFlowCard: true,
  });
}

/**
 * The customer is stored: every write that must hold comes before any card says "In review".
 * This conversation's follow is that write; when it fails, the user reads what was saved and
 * what is missing, and the flow stays, so the same card's button finishes it (no second
 * customer: the flow remembers the one it stored).
 */
async function afterStored(
  ctx: FlowContext,
  flow: FormFlowState,
  customerId: string,
  news: SubmissionNews,
): Promise<FlowStep> {
  const status = await ctx.customers.getQualificationStatus(ctx.user, customerId);
  try {
    await ctx.followSubmission(customerId, flow.cardActivityId);
  } catch {
    const text = status.ok
      ? submissionText(ctx.i18n, 'notFollowing', status.value)
      : ctx.i18n.t('error.generic');
    const unfinished: FormFlowState = { ...flow, submittedCustomerId: customerId, issues: [] };
    return {
      flow: unfinished,
      show: [{ card: unfinishedSubmitCard(ctx.i18n, unfinished, text), replacesFlowCard: true }],
    };
  }
  const card = status.ok
    ? statusCard(ctx.i18n, status.value, ctx.user, {
        title: ctx.i18n.t('submitted.title'),
        intro: submissionText(ctx.i18n, news, status.value),
      })
    : noticeCard(ctx.i18n.t('submitted.title'));
  return {
    flow: undefined,
    show: [{ card, replacesFlowCard: true }],
    submittedCustomerId: customerId,
  };
}

/** The same card again after a partly saved submit: only what is missing is done. */
function finishStored(
  ctx: FlowContext,
  flow: FormFlowState,
  customerId: string,
): Promise<FlowStep> {
  return afterStored(ctx, flow, customerId, flow.kind === 'add' ? 'submitted' : 'resubmitted');
}

export async function continueFlow(
  ctx: FlowContext,
  flow: FormFlowState,
  submit: FormSubmit,
): Promise<FlowStep> {
  return ownersCards(ctx, await transition(ctx, flow, submit));
}

/** The form's transition: what the user pressed on its card, from its state. */
async function transition(
  ctx: FlowContext,
  flow: FormFlowState,
  submit: FormSubmit,
): Promise<FlowStep> {
  switch (submit.intent) {
    case 'cancel':
      return endFlow(
        { card: noticeCard(ctx.i18n.t('cancel.card')), replacesFlowCard: true },
        textMessage(ctx.i18n.t('cancel.done')),
      );
    case 'back':
      return stepBack(ctx, flow, submit);
    case 'refresh':
      // Its card again, as it is now (a refresh changes nothing).
      return showStep(ctx, flow);
    case 'edit':
      return showStep(ctx, {
        ...flow,
        step: submit.section ?? 'organisation',
        returnToReview: true,
        issues: [],
      });
    case 'next':
      return nextStep(ctx, flow, submit.section ?? (flow.step as CustomerSection), submit.values);
    case 'submit':
      if (flow.submittedCustomerId) return finishStored(ctx, flow, flow.submittedCustomerId);
      return flow.kind === 'add'
        ? submitNewCustomer(ctx, flow)
        : showStep(ctx, { ...flow, step: 'confirm', issues: [] });
    case 'confirm':
      if (flow.submittedCustomerId) return finishStored(ctx, flow, flow.submittedCustomerId);
      return flow.kind === 'correct' ? confirmResubmission(ctx, flow) : showStep(ctx, flow);
  }
}

async function nextStep(
  ctx: FlowContext,
  flow: FormFlowState,
  section: CustomerSection,
  values: Record<string, string>,
): Promise<FlowStep> {
  // Only this step's fields are taken from the card; the domain of an existing customer never.
  const fields = CUSTOMER_SECTIONS[section].filter(
    (f) => !(flow.kind === 'correct' && f === 'domain'),
  );
  const draft = { ...flow.draft };
  for (const f of fields) draft[f] = (values[f] ?? '').trim();
  const next: FormFlowState = { ...flow, draft, step: section, issues: [] };
  delete next.suggestedDomain;

  const following = CUSTOMER_SECTIONS_IN_ORDER[CUSTOMER_SECTIONS_IN_ORDER.indexOf(section) + 1];
  const toReview = next.returnToReview || !following;
  // Into the review, one check of the whole draft serves the step and the review card.
  const report = toReview
    ? await checkWholeDraft(ctx, next)
    : await ctx.customers.validateDraft(serviceInput(ctx, next), [section], {
        correcting: flow.kind === 'correct',
      });
  const sectionFields: readonly string[] = CUSTOMER_SECTIONS[section];
  const ofThisStep = toReview
    ? report.issues.filter((i) => sectionFields.includes(i.field))
    : report.issues;
  // No domain typed yet: suggest a free one from the legal name (free is its check), and let the user check it.
  if (section === 'organisation' && flow.kind === 'add' && !draft.domain && draft.companyName) {
    const suggestion = await ctx.customers.suggestDomainPrefix(draft.companyName);
    if (suggestion) {
      const issues = ofThisStep.filter((i) => i.field !== 'domain');
      return showStep(ctx, {
        ...next,
        draft: { ...draft, domain: suggestion },
        suggestedDomain: suggestion,
        issues,
      });
    }
  }
  if (ofThisStep.length > 0) return showStep(ctx, { ...next, issues: ofThisStep });
  return toReview
    ? showStep(ctx, { ...next, step: 'review' }, { checked: report })
    : showStep(ctx, { ...next, step: following });
}

async function submitNewCustomer(ctx: FlowContext, flow: FormFlowState): Promise<FlowStep> {
  // The form's id names the submission: pressed again, Partner Center gets the same requests.
  const created = await ctx.customers.createCustomer(ctx.user, serviceInput(ctx, flow), {
    key: flow.flowId,
  });
  if (created.ok) {
    return afterStored(ctx, flow, created.value.customer.id, 'submitted');
  }
  // A retried click whose first answer was lost: say what is true now, and finish what is missing.
  const duplicate = await customerMadeEarlier(ctx.customers, ctx.user, flow.draft, created.error);
  if (duplicate) return afterStored(ctx, flow, duplicate.id, 'submittedAgain');
  return afterRefusal(ctx, flow, created.error);
}

async function confirmResubmission(ctx: FlowContext, flow: FormFlowState): Promise<FlowStep> {
  const { domain: _fixed, ...corrections } = serviceInput(ctx, flow);
  const result = await ctx.vetting.resubmit(ctx.user, flow.customerId ?? '', corrections, {
    key: flow.flowId,
  });
  if (result.ok) return afterStored(ctx, flow, result.value.customerId, 'resubmitted');
  // A retried confirm whose first answer was lost finds the customer back in review by this request.
  const customerId = flow.customerId ?? '';
  if (await resubmittedEarlier(ctx.customers, ctx.user, customerId, flow.request, result.error)) {
    return afterStored(ctx, flow, flow.customerId ?? '', 'resubmittedAgain');
  }
  return afterRefusal(ctx, flow, result.error);
}

/**
 * Back: the step's typed values are kept as typed (checked when the user goes on), and the step
 * before is shown; from the review (or the confirmation), the last step.
 */
function stepBack(ctx: FlowContext, flow: FormFlowState, submit: FormSubmit): Promise<FlowStep> {
  const draft = { ...flow.draft };
  if (submit.section) {
    for (const field of CUSTOMER_SECTIONS[submit.section]) {
      if (flow.kind === 'correct' && field === 'domain') continue;
      if (submit.values[field] !== undefined) draft[field] = submit.values[field].trim();
    }
  }
  const at = submit.section
    ? CUSTOMER_SECTIONS_IN_ORDER.indexOf(submit.section)
    : CUSTOMER_SECTIONS_IN_ORDER.length;
  const step = CUSTOMER_SECTIONS_IN_ORDER[Math.max(0, at - 1)] ?? 'organisation';
  return showStep(ctx, { ...flow, draft, step, issues: [], returnToReview: false });
}
