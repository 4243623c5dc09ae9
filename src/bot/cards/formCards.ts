import {
  CUSTOMER_FIELDS,
  CUSTOMER_SECTIONS,
  CUSTOMER_SECTIONS_IN_ORDER,
  fieldDeclaration,
  requiredInCountry,
  type AskedField,
  type CustomerField,
  type CustomerSection,
} from '../../domain/fields.js';
import type { Issue } from '../../domain/issues.js';
import { fullDomain } from '../../domain/fieldRules.js';
import { ISO_COUNTRY_CODES, isCountryCode } from '../../domain/reference/countries.js';
import type { FormFlowState } from '../formState.js';
import { choiceLabel, fieldLabel, fieldValueText } from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { MessageKey } from '../../i18n/catalogues/en.js';
import { renderCard, type AdaptiveCard, type FormField } from './templates.js';

/** The add/correct form as cards: one card per step, then the review. Inputs come from fields.ts. */

// 249 localised names, sorted: built once per language, not at every address card.
const countryChoicesByLanguage = new Map<string, FormField['choices']>();
function countryChoices(l: Localizer): FormField['choices'] {
  let choices = countryChoicesByLanguage.get(l.language);
  if (!choices) {
    choices = ISO_COUNTRY_CODES.map((code) => ({ title: l.country(code), value: code })).sort(
      (a, b) => a.title.localeCompare(b.title, l.locale),
    );
    countryChoicesByLanguage.set(l.language, choices);
  }
  return choices;
}

/** Whether a country-dependent field is required for the draft's country, and the hint that says so. */
function countryRule(
  l: Localizer,
  id: CustomerField,
  country: string,
): { required: boolean; note: string } {
  if (!isCountryCode(country)) {
    // No country yet: say where it may be needed, for the fields that depend on a list of countries.
    return {
      required: false,
      note: fieldDeclaration(id).requiredInSomeCountries ? l.t('form.requiredInSomeCountries') : '',
    };
  }
  const required = requiredInCountry(id, country);
  return {
    required,
    note: required ? l.t('form.requiredInCountry', { country: l.country(country) }) : '',
  };
}

function fieldInput(l: Localizer, flow: FormFlowState, id: AskedField, today: string): FormField {
  const { input, hint: hasHint, requiredIn } = fieldDeclaration(id);
  const errors = flow.issues.filter((i) => i.field === id).map((i) => l.issue(i));
  let required = input.required;
  let hint = hasHint ? l.t(`hint.${id}` as MessageKey) : '';
  const country = flow.draft.country?.toUpperCase() ?? '';
  if (requiredIn) {
    const rule = countryRule(l, id, country);
    required = rule.required;
    hint = [hint, rule.note].filter(Boolean).join(' ');
  }
  const base: FormField = {
    id,
    kind: input.kind,
    label: fieldLabel(l, id),
    value: flow.draft[id] ?? '',
    placeholder: input.kind === 'choice' ? l.t('choose') : '',
    hint,
    error: errors.join(' '),
    required,
    maxLength: input.maxLength,
    style: input.style,
    choices:
      input.kind === 'choice'
        ? input.choices.map((value) => ({ title: choiceLabel(l, id, value), value }))
        : [],
    max: input.kind === 'date' ? today : '',
  };
  switch (id) {
    case 'country':
      return { ...base, value: country, choices: countryChoices(l) };
    case 'domain':
      if (flow.kind === 'correct')
        return {
          ...base,
          kind: 'readonly',
          value: l.t('hint.domainFixed', { domain: flow.domain ?? '' }),
          required: false,
          hint: '',
        };
      return {
        ...base,
        hint: [
          flow.suggestedDomain
            ? l.t('form.suggestedDomain', { domain: fullDomain(flow.suggestedDomain) })
            : '',
          l.t('hint.domain', { example: fullDomain(flow.draft.domain || 'contoso') }),
        ]
          .filter(Boolean)
          .join(' '),
      };
    default:
      return base;
  }
}

/** An input as the card shows it: a required one says so in its label (the client checks nothing). */
function field(l: Localizer, flow: FormFlowState, id: AskedField, today: string): FormField {
  const input = fieldInput(l, flow, id, today);
  return input.required
    ? { ...input, label: l.t('form.requiredLabel', { label: input.label }) }
    : input;
}

export function formTitle(l: Localizer, flow: FormFlowState): string {
  return flow.kind === 'add'
    ? l.t('form.addTitle')
    : l.t('form.correctTitle', { company: flow.company ?? '' });
}

export function formStepCard(
  l: Localizer,
  flow: FormFlowState,
  section: CustomerSection,
  today: string,
): AdaptiveCard {
  const known = new Set<string>(CUSTOMER_SECTIONS[section]);
  const stray = flow.issues.filter((i) => !known.has(i.field)).map((i) => l.issue(i));
  return renderCard('form', {
    title: formTitle(l, flow),
    subtitle: l.t('form.stepOf', {
      step: CUSTOMER_SECTIONS_IN_ORDER.indexOf(section) + 1,
      section: l.t(`section.${section}`),
    }),
    errorSummary: flow.issues.length > 0 ? [l.t('form.fixErrors'), ...stray].join(' ') : '',
    fields: CUSTOMER_SECTIONS[section].map((id) => field(l, flow, id as AskedField, today)),
    next: {
      title: l.t('button.next'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'next', section },
    },
    // Back keeps what was typed on this step, unchecked, and shows the one before.
    back:
      CUSTOMER_SECTIONS_IN_ORDER.indexOf(section) > 0
        ? {
            title: l.t('button.back'),
            data: { kind: 'form', flowId: flow.flowId, intent: 'back', section },
          }
        : { title: '', data: {} },
    cancel: {
      title: l.t('button.cancel'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
    },
  });
}

/** `normalised`: the values as the service will store them (e.g. the website with its scheme). */
export function reviewCard(
  l: Localizer,
  flow: FormFlowState,
  warnings: Issue[],
  normalised: Partial<Record<CustomerField, string>> = {},
): AdaptiveCard {
  const domain =
    flow.kind === 'correct'
      ? (flow.domain ?? '')
      : fullDomain((flow.draft.domain ?? '').toLowerCase());
  const sections = CUSTOMER_SECTIONS_IN_ORDER.map((section) => ({
    title: l.t(`section.${section}`),
    facts: CUSTOMER_SECTIONS[section]
      .filter((id) => flow.draft[id])
      .map((id) => ({
        title: fieldLabel(l, id),
        value: fieldValueText(l, id, normalised[id] ?? flow.draft[id] ?? ''),
      })),
    edit: {
      title: l.t('button.edit'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'edit', section },
    },
  }));
  return renderCard('review', {
    title: flow.kind === 'add' ? l.t('review.title') : formTitle(l, flow),
    subtitle: flow.kind === 'add' ? l.t('form.addTitle') : l.t('review.title'),
    sections,
    warningsTitle: l.t('review.warnings'),
    warnings: warnings.map((w) => l.issue(w)),
    domainWarning: l.t('review.domainWarning', { domain }),
    duration: l.t('review.duration'),
    submit: {
      title: flow.kind === 'add' ? l.t('button.submit') : l.t('button.next'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'submit' },
    },
    back: {
      title: l.t('button.back'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'back' },
    },
    cancel: {
      title: l.t('button.cancel'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
    },
  });
}

/** A submit that stored the customer but not all that goes with it: says so, and finishes on the same button. */
export function unfinishedSubmitCard(
  l: Localizer,
  flow: FormFlowState,
  text: string,
): AdaptiveCard {
  return renderCard('notice', {
    title: formTitle(l, flow),
    lines: [text],
    choices: [],
    actions: [
      {
        title: flow.kind === 'add' ? l.t('button.submit') : l.t('button.resubmit'),
        data: {
          kind: 'form',
          flowId: flow.flowId,
          intent: flow.kind === 'add' ? 'submit' : 'confirm',
        },
        style: 'positive',
      },
    ],
  });
}

/** A correction's changes, old → new, in the table's order; and the domain, which stays. */
function correctionLines(l: Localizer, flow: FormFlowState): string[] {
  const fixed = l.t('confirm.fixed', { field: fieldLabel(l, 'domain'), value: flow.domain ?? '' });
  // A correction begun before the original values were kept: only what cannot change.
  if (!flow.original) return [fixed];
  const original = flow.original;
  const changed = CUSTOMER_FIELDS.filter(
    (field) => field !== 'domain' && (flow.draft[field] ?? '') !== (original[field] ?? ''),
  ).map((field) =>
    l.t('confirm.change', {
      field: fieldLabel(l, field),
      from: fieldValueText(l, field, original[field] ?? ''),
      to: fieldValueText(l, field, flow.draft[field] ?? ''),
    }),
  );
  return [
    ...(changed.length > 0 ? [l.t('confirm.changes'), ...changed] : [l.t('confirm.noChanges')]),
    fixed,
  ];
}

export function confirmCard(l: Localizer, flow: FormFlowState, max: number): AdaptiveCard {
  return renderCard('notice', {
    title: l.t('confirm.title', { company: flow.company ?? '' }),
    lines: [l.t('confirm.text', { request: flow.request ?? 0, max }), ...correctionLines(l, flow)],
    choices: [],
    actions: [
      {
        title: l.t('button.resubmit'),
        data: { kind: 'form', flowId: flow.flowId, intent: 'confirm' },
        style: 'positive',
      },
      {
        title: l.t('button.cancel'),
        data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
        style: 'default',
      },
    ],
  });
}

/** Someone else's form in a group chat or channel, as everyone but its owner sees it. */
export function formWatchCard(l: Localizer, ownerName: string): AdaptiveCard {
  return renderCard('notice', {
    title: l.t('form.addTitle'),
    lines: [l.t('form.inProgressBy', { name: ownerName })],
    choices: [],
    actions: [],
  });
}
