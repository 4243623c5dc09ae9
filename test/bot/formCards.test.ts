import assert from 'node:assert/strict';
import { formStepCard, reviewCard } from '../../src/bot/cards/formCards.js';
import type { FormFlowState } from '../../src/bot/formState.js';
import {
  CUSTOMER_SECTIONS,
  CUSTOMER_SECTIONS_IN_ORDER,
  FIELDS,
  type CustomerField,
} from '../../src/domain/fields.js';
import { localizer } from '../../src/i18n/localizer.js';

/** The form's cards built from the field table: ids, kinds, limits and button data, not words. */

type Node = Record<string, unknown>;
function inputs(card: unknown): Map<string, Node> {
  const found = new Map<string, Node>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Node;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
        found.set(n.id, n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const i18n = localizer('en').markdown;
const TODAY = '2026-11-23';
const flowAt = (
  step: FormFlowState['step'],
  draft: Record<string, string> = {},
  kind: FormFlowState['kind'] = 'add',
): FormFlowState => ({
  kind,
  locale: 'en',
  flowId: 'f1',
  step,
  draft,
  returnToReview: false,
  issues: [],
  ...(kind === 'correct'
    ? { customerId: 'c1', company: 'Contoso', domain: 'contoso.onmicrosoft.com', request: 2 }
    : {}),
});

const INPUT_TYPE = { text: 'Input.Text', choice: 'Input.ChoiceSet', date: 'Input.Date' } as const;

describe('form cards from the field table', () => {
  for (const section of CUSTOMER_SECTIONS_IN_ORDER) {
    it(`asks the ${section} step's fields, each as its declaration says`, () => {
      const card = formStepCard(i18n, flowAt(section), section, TODAY);
      const shown = inputs(card);
      assert.deepEqual([...shown.keys()], CUSTOMER_SECTIONS[section]);
      for (const field of CUSTOMER_SECTIONS[section]) {
        const { input, requiredIn } = FIELDS[field] as (typeof FIELDS)[CustomerField] & {
          requiredIn?: unknown;
        };
        const node = shown.get(field)!;
        assert.equal(node.type, INPUT_TYPE[input.kind], field);
        // Without a country, a field some countries require is optional on the card.
        // Nothing is checked by the client: a required field says so in its label.
        assert.equal(node.isRequired, undefined, `${field}: no client-side check`);
        assert.equal(
          String(node.label).endsWith('(required)'),
          requiredIn ? false : input.required,
          `${field} marked required`,
        );
        if (input.kind === 'text') {
          assert.equal(node.maxLength, input.maxLength, `${field} maxLength`);
          assert.equal(node.style, input.style, `${field} style`);
        }
        if (input.kind === 'date') assert.equal(node.max, TODAY);
      }
    });
  }

  it('offers the declared choices, in order, and every country', () => {
    const organisation = inputs(formStepCard(i18n, flowAt('organisation'), 'organisation', TODAY));
    const segments = (organisation.get('educationSegment')!.choices as { value: string }[]).map(
      (c) => c.value,
    );
    assert.deepEqual(segments, [...FIELDS.educationSegment.input.choices]);
    assert.equal(
      (organisation.get('country')!.choices as unknown[]).length,
      FIELDS.country.input.choices.length,
    );
  });

  // The country decides which of its dependent fields are required.
  const byCountry: [country: string, required: Partial<Record<CustomerField, boolean>>][] = [
    [
      'US',
      { state: true, postalCode: true, organizationRegistrationNumber: false, phoneNumber: false },
    ],
    [
      'FR',
      { state: false, postalCode: true, organizationRegistrationNumber: false, phoneNumber: false },
    ],
    ['IN', { organizationRegistrationNumber: true, phoneNumber: true }],
    ['HK', { postalCode: false }],
  ];
  for (const [country, required] of byCountry) {
    it(`requires for ${country}: ${JSON.stringify(required)}`, () => {
      const shown = inputs(formStepCard(i18n, flowAt('address', { country }), 'address', TODAY));
      for (const [field, expected] of Object.entries(required))
        assert.equal(String(shown.get(field)!.label).endsWith('(required)'), expected, field);
    });
  }

  it("shows a correction's domain as fixed, not as an input", () => {
    const shown = inputs(
      formStepCard(i18n, flowAt('organisation', {}, 'correct'), 'organisation', TODAY),
    );
    assert.equal(shown.has('domain'), false);
  });

  it('puts the step and the flow in every button', () => {
    const card = JSON.stringify(formStepCard(i18n, flowAt('address'), 'address', TODAY));
    assert.match(
      card,
      /"data":\{"kind":"form","flowId":"f1","intent":"next","section":"address"\}/,
    );
    assert.match(card, /"data":\{"kind":"form","flowId":"f1","intent":"cancel"\}/);
  });

  it('offers Back from the second step on, carrying the step it leaves', () => {
    assert.doesNotMatch(
      JSON.stringify(formStepCard(i18n, flowAt('organisation'), 'organisation', TODAY)),
      /"intent":"back"/,
    );
    for (const section of ['address', 'contact'] as const) {
      assert.match(
        JSON.stringify(formStepCard(i18n, flowAt(section), section, TODAY)),
        new RegExp(
          `"data":\\{"kind":"form","flowId":"f1","intent":"back","section":"${section}"\\}`,
        ),
      );
    }
  });

  it('reviews every filled field, section by section, with an Edit button for each', () => {
    const draft = {
      companyName: 'Contoso',
      educationSegment: 'K12',
      domain: 'contoso',
      country: 'SE',
      city: 'Lund',
      mcaDateAgreed: '2026-11-01',
    };
    const card = JSON.stringify(reviewCard(i18n, flowAt('review', draft), []));
    for (const section of CUSTOMER_SECTIONS_IN_ORDER) {
      assert.match(
        card,
        new RegExp(
          `"data":\\{"kind":"form","flowId":"f1","intent":"edit","section":"${section}"\\}`,
        ),
      );
    }
    const facts = [...card.matchAll(/"title":"([^"]+)","value":"([^"]*)"/g)].map((m) => m[2]);
    // Shown as read, by the field's display kind: the segment's name, the country's, the full domain, the date.
    assert.deepEqual(facts, [
      'Contoso',
      i18n.t('segment.K12'),
      i18n.country('SE'),
      'contoso.onmicrosoft.com',
      'Lund',
      i18n.date('2026-11-01'),
    ]);
  });
});
