import assert from 'node:assert/strict';
import {
  continueFlow,
  startAddFlow,
  startCorrectFlow,
  type FlowContext,
  type FlowStep,
} from '../../src/bot/flows/formFlow.js';
import type { FormFlowState } from '../../src/bot/formState.js';
import type { FormIntent } from '../../src/bot/turn.js';
import { CUSTOMER_SECTIONS, type CustomerSection } from '../../src/domain/fields.js';
import { localizer } from '../../src/i18n/localizer.js';
import { cardInputs, findAction } from '../support/chatClient.js';
import { customerForm, globalAdmin, partnerUser, salesAgent } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';

/**
 * The form as a state machine, in process: state and input → next state and what is shown. The
 * cards are checked by their input ids and button data, not by their words.
 */
describe('form flow transitions', () => {
  let h: ServiceHarness;
  let follows: { customerId: string; cardActivityId: string | undefined }[];
  let ids: number;
  beforeEach(() => {
    h = new ServiceHarness();
    follows = [];
    ids = 0;
  });
  afterEach(async () => h.dispose());

  const context = (user = globalAdmin, followFails = false): FlowContext => ({
    customers: h.service.customers,
    vetting: h.service.vetting,
    user,
    i18n: localizer('en-US').markdown,
    now: h.clock,
    newId: () => `flow-${++ids}`,
    actor: { id: 'user-1', name: 'Ann Lee' },
    shared: false,
    followSubmission: async (customerId, cardActivityId) => {
      if (followFails) throw new Error('conversations folder unavailable');
      follows.push({ customerId, cardActivityId });
    },
  });
  const form = customerForm() as Record<string, string>;
  const sectionValues = (section: CustomerSection) =>
    Object.fromEntries(CUSTOMER_SECTIONS[section].map((f) => [f, form[f] ?? '']));
  const send = (
    ctx: FlowContext,
    flow: FormFlowState,
    intent: FormIntent,
    section?: CustomerSection,
    values: Record<string, string> = {},
  ) =>
    continueFlow(ctx, flow, {
      type: 'form',
      flowId: flow.flowId,
      intent,
      ...(section ? { section } : {}),
      values,
    });
  const card = (step: FlowStep) => {
    const shown = step.show[0];
    assert.ok(shown && 'card' in shown, 'the step shows a card');
    return shown.card;
  };
  const flowOf = (step: FlowStep): FormFlowState => {
    assert.ok(step.flow, 'the flow goes on');
    return step.flow;
  };
  async function toReview(ctx: FlowContext): Promise<FormFlowState> {
    let flow = flowOf(await startAddFlow(ctx));
    for (const section of ['organisation', 'address', 'contact'] as const)
      flow = flowOf(await send(ctx, flow, 'next', section, sectionValues(section)));
    return flow;
  }

  it('starts at the organisation step, asking for exactly its fields', async () => {
    const step = await startAddFlow(context());
    const flow = flowOf(step);
    assert.deepEqual(
      {
        kind: flow.kind,
        step: flow.step,
        flowId: flow.flowId,
        draft: flow.draft,
        issues: flow.issues,
      },
      { kind: 'add', step: 'organisation', flowId: 'flow-1', draft: {}, issues: [] },
    );
    assert.deepEqual(Object.keys(cardInputs(card(step))), CUSTOMER_SECTIONS.organisation);
    assert.deepEqual(findAction(card(step), 'Next')?.data, {
      kind: 'form',
      flowId: 'flow-1',
      intent: 'next',
      section: 'organisation',
    });
    assert.equal(
      (step.show[0] as { replacesFlowCard: boolean }).replacesFlowCard,
      false,
      'the first card is a new one',
    );
  });

  // Each step, with what it needs filled in, leads to the next; the last to the review.
  const forward: [from: CustomerSection, to: FormFlowState['step']][] = [
    ['organisation', 'address'],
    ['address', 'contact'],
    ['contact', 'review'],
  ];
  for (const [from, to] of forward) {
    it(`goes from ${from} to ${to} when the step is valid`, async () => {
      const ctx = context();
      let flow = flowOf(await startAddFlow(ctx));
      for (const [section] of forward.slice(
        0,
        forward.findIndex(([f]) => f === from),
      ))
        flow = flowOf(await send(ctx, flow, 'next', section, sectionValues(section)));
      const next = flowOf(await send(ctx, flow, 'next', from, sectionValues(from)));
      assert.equal(next.step, to);
      assert.deepEqual(next.issues, []);
      for (const field of CUSTOMER_SECTIONS[from])
        assert.equal(next.draft[field], (form[field] ?? '').trim(), field);
    });
  }

  // A bad value keeps the step, with the issue on its field and what was typed kept.
  const refused: [section: CustomerSection, field: string, value: string, code: string][] = [
    ['organisation', 'companyName', 'Test', 'testName'],
    ['organisation', 'email', 'ann@gmail.com', 'freeEmailProvider'],
    ['organisation', 'domain', 'bad domain', 'invalidDomainCharacters'],
    ['organisation', 'country', 'ZZ', 'unknownCountry'],
    ['address', 'state', '', 'requiredForCountry'],
    ['contact', 'mcaDateAgreed', '2099-01-01', 'futureDate'],
  ];
  for (const [section, field, value, code] of refused) {
    it(`keeps the ${section} step when ${field} is "${value}" (${code})`, async () => {
      const ctx = context();
      let flow = flowOf(await startAddFlow(ctx));
      for (const [earlier] of forward.slice(
        0,
        forward.findIndex(([f]) => f === section),
      ))
        flow = flowOf(await send(ctx, flow, 'next', earlier, sectionValues(earlier)));
      const step = await send(ctx, flow, 'next', section, {
        ...sectionValues(section),
        [field]: value,
      });
      const next = flowOf(step);
      assert.equal(next.step, section);
      assert.deepEqual(
        next.issues.map((i) => `${i.field}:${i.code}`),
        [`${field}:${code}`],
      );
      assert.equal(
        cardInputs(card(step))[field],
        field === 'country' ? value.toUpperCase() : value,
      );
    });
  }

  it('suggests a free domain from the legal name when none is typed, and stays on the step to check it', async () => {
    const ctx = context();
    const flow = flowOf(await startAddFlow(ctx));
    const next = flowOf(
      await send(ctx, flow, 'next', 'organisation', {
        ...sectionValues('organisation'),
        domain: '',
      }),
    );
    assert.deepEqual(
      { step: next.step, domain: next.draft.domain, suggested: next.suggestedDomain },
      { step: 'organisation', domain: 'contosoelementary', suggested: 'contosoelementary' },
    );
  });

  it('edits a section from the review and returns to the review', async () => {
    const ctx = context();
    const review = await toReview(ctx);
    const editing = flowOf(await send(ctx, review, 'edit', 'address'));
    assert.deepEqual(
      { step: editing.step, back: editing.returnToReview },
      { step: 'address', back: true },
    );
    const back = flowOf(
      await send(ctx, editing, 'next', 'address', {
        ...sectionValues('address'),
        city: 'Bellevue',
      }),
    );
    assert.deepEqual(
      { step: back.step, city: back.draft.city },
      { step: 'review', city: 'Bellevue' },
    );
  });

  it('goes back a step keeping what was typed there, unchecked; from the review, to the last step', async () => {
    const ctx = context();
    const atAddress = flowOf(
      await send(
        ctx,
        flowOf(await startAddFlow(ctx)),
        'next',
        'organisation',
        sectionValues('organisation'),
      ),
    );
    assert.equal(atAddress.step, 'address');
    const back = await send(ctx, atAddress, 'back', 'address', {
      city: 'Not checked yet',
      postalCode: '',
    });
    const backFlow = flowOf(back);
    assert.deepEqual(
      { step: backFlow.step, city: backFlow.draft.city, issues: backFlow.issues },
      { step: 'organisation', city: 'Not checked yet', issues: [] },
    );
    assert.equal(findAction(card(back), 'Back'), undefined, 'no Back on the first step');
    const review = await toReview(ctx);
    assert.equal(flowOf(await send(ctx, review, 'back')).step, 'contact');
  });

  it('submits from the review: the customer is stored, this chat follows it, and the flow ends', async () => {
    const ctx = context();
    const review = { ...(await toReview(ctx)), cardActivityId: 'card-1' };
    const step = await send(ctx, review, 'submit');
    assert.equal(step.flow, undefined);
    const [stored] = (await h.service.customers.operatorList()).items;
    assert.ok(stored);
    assert.equal(step.submittedCustomerId, stored.id);
    assert.deepEqual(follows, [{ customerId: stored.id, cardActivityId: 'card-1' }]);
    assert.equal((step.show[0] as { replacesFlowCard: boolean }).replacesFlowCard, true);
  });

  it('keeps the flow, and the customer it stored, when the follow cannot be written; the same button finishes it', async () => {
    const review = await toReview(context());
    const half = await send(context(globalAdmin, true), review, 'submit');
    const kept = flowOf(half);
    const [stored, ...more] = (await h.service.customers.operatorList()).items;
    assert.ok(stored);
    assert.deepEqual(more, []);
    assert.equal(kept.submittedCustomerId, stored.id);
    assert.deepEqual(findAction(card(half), 'Submit for verification')?.data, {
      kind: 'form',
      flowId: review.flowId,
      intent: 'submit',
    });
    const done = await send(context(), kept, 'submit');
    assert.equal(done.flow, undefined);
    assert.equal((await h.service.customers.operatorList()).items.length, 1, 'not stored twice');
    assert.deepEqual(
      follows.map((f) => f.customerId),
      [stored.id],
    );
  });

  it('cancels from any step: the flow ends, nothing is stored', async () => {
    const ctx = context();
    const review = await toReview(ctx);
    const step = await send(ctx, review, 'cancel');
    assert.equal(step.flow, undefined);
    assert.equal(step.show.length, 2, 'the card says so, and a message too');
    assert.deepEqual((await h.service.customers.operatorList()).items, []);
  });

  // Who may start which form, by role: the refusal ends the flow before it starts.
  const starts: [who: string, user: ReturnType<typeof partnerUser>, starts: boolean][] = [
    ['a Global admin', globalAdmin, true],
    ['a sales agent', salesAgent, true],
    ['an indirect reseller', partnerUser('GlobalAdmin', 'IndirectReseller'), false],
    ['a user without a role', partnerUser(null), false],
  ];
  for (const [who, user, allowed] of starts) {
    it(`${allowed ? 'starts' : 'refuses'} the add form for ${who}`, async () => {
      const step = await startAddFlow(context(user));
      assert.equal(step.flow !== undefined, allowed);
      if (!allowed) assert.ok('text' in (step.show[0] ?? {}), 'a refusal is a message');
    });
  }

  it('shows what a resubmission changes, old → new, and the domain that stays', async () => {
    const created = await h.service.customers.createCustomer(globalAdmin, customerForm());
    assert.ok(created.ok);
    const id = created.value.customer.id;
    assert.ok(
      (
        await h.service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, id, {
          status: 'Denied',
          reason: 'No accreditation',
        })
      ).ok,
    );
    const ctx = context();
    let flow = flowOf(await startCorrectFlow(ctx, (await h.service.customers.operatorGet(id))!));
    for (const section of ['organisation', 'address', 'contact'] as const) {
      const values = {
        ...sectionValues(section),
        ...(section === 'address' ? { city: 'Bellevue' } : {}),
      };
      flow = flowOf(await send(ctx, flow, 'next', section, values));
    }
    const confirm = await send(ctx, flow, 'submit');
    const text = JSON.stringify(card(confirm));
    assert.match(text, /City: Redmond → Bellevue/);
    assert.doesNotMatch(text, /Legal company name:/, 'only what changed');
    assert.match(text, /Primary domain: contosoelementary\.onmicrosoft\.com \(cannot be changed\)/);
  });

  it('starts a correction pre-filled from the record, with the domain fixed, only for a denied customer', async () => {
    const created = await h.service.customers.createCustomer(globalAdmin, customerForm());
    assert.ok(created.ok);
    const record = created.value.customer;
    assert.equal((await startCorrectFlow(context(), record)).flow, undefined, 'in review: refused');
    assert.ok(
      (
        await h.service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, record.id, {
          status: 'Denied',
          reason: 'No accreditation',
        })
      ).ok,
    );
    const denied = (await h.service.customers.operatorGet(record.id))!;
    const step = await startCorrectFlow(context(), denied);
    const flow = flowOf(step);
    assert.deepEqual(
      { kind: flow.kind, customerId: flow.customerId, request: flow.request, domain: flow.domain },
      {
        kind: 'correct',
        customerId: record.id,
        request: 2,
        domain: 'contosoelementary.onmicrosoft.com',
      },
    );
    assert.equal(flow.draft.city, 'Redmond');
    assert.equal(flow.draft.culture, undefined, 'the culture is not asked');
    assert.equal(
      (await startCorrectFlow(context(salesAgent), denied)).flow,
      undefined,
      'only a Global admin corrects',
    );
  });
});
