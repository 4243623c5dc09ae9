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
import { renderCard, withRefresh, type AdaptiveCard, type FormField } from './templates.js';

/** The add/correct form as cards: one card per step, then the review. Inputs come from fields.ts. */

// 249 localised names, sorted: built once per language, not at every address card.
const countryChoicesByLanguage = new Map<string, FormField['choices']>();
function countryChoices(i18n: Localizer): FormField['choices'] {
  let choices = countryChoicesByLanguage.get(i18n.language);
  if (!choices) {
    choices = ISO_COUNTRY_CODES.map((code) => ({ title: i18n.country(code), value: code })).sort(
      (a, b) => a.title.localeCompare(b.title, i18n.locale),
    );
    countryChoicesByLanguage.set(i18n.language, choices);
  }
  return choices;
}

/** Whether a country-dependent field is required for the draft's country, and the hint that says so. */
function countryRule(
  i18n: Localizer,
  id: CustomerField,
  country: string,
): { required: boolean; note: string } {
  if (!isCountryCode(country)) {
    // No country yet: say where it may be needed, for the fields that depend on a list of countries.
    return {
      required: false,
      note: fieldDeclaration(id).requiredInSomeCountries
        ? i18n.t('form.requiredInSomeCountries')
        : '',
    };
  }
  const required = requiredInCountry(id, country);
  return {
    required,
    note: required ? i18n.t('form.requiredInCountry', { country: i18n.country(country) }) : '',
  };
}

function fieldInput(
  i18n: Localizer,
  flow: FormFlowState,
  id: AskedField,
  today: string,
): FormField {
  const { input, hint: hasHint, requiredIn } = fieldDeclaration(id);
  const errors = flow.issues.filter((i) => i.field === id).map((i) => i18n.issue(i));
  let required = input.required;
  let hint = hasHint ? i18n.t(`hint.${id}` as MessageKey) : '';
  const country = flow.draft.country?.toUpperCase() ?? '';
  if (requiredIn) {
    const rule = countryRule(i18n, id, country);
    required = rule.required;
    hint = [hint, rule.note].filter(Boolean).join(' ');
  }
  const base: FormField = {
    id,
    kind: input.kind,
    label: fieldLabel(i18n, id),
    value: flow.draft[id] ?? '',
    placeholder: input.kind === 'choice' ? i18n.t('choose') : '',
    hint,
    error: errors.join(' '),
    required,
    maxLength: input.maxLength,
    style: input.style,
    choices:
      input.kind === 'choice'
        ? input.choices.map((value) => ({ title: choiceLabel(i18n, id, value), value }))
        : [],
    max: input.kind === 'date' ? today : '',
  };
  switch (id) {
    case 'country':
      return { ...base, value: country, choices: countryChoices(i18n) };
    case 'domain':
      if (flow.kind === 'correct')
        return {
          ...base,
          kind: 'readonly',
          value: i18n.t('hint.domainFixed', { domain: flow.domain ?? '' }),
          required: false,
          hint: '',
        };
      return {
        ...base,
        hint: [
          flow.suggestedDomain
            ? i18n.t('form.suggestedDomain', { domain: fullDomain(flow.suggestedDomain) })
            : '',
          i18n.t('hint.domain', { example: fullDomain(flow.draft.domain || 'contoso') }),
        ]
          .filter(Boolean)
          .join(' '),
      };
    default:
      return base;
  }
}

/** An input as the card shows it: a required one says so in its label (the client checks nothing). */
function field(i18n: Localizer, flow: FormFlowState, id: AskedField, today: string): FormField {
  const input = fieldInput(i18n, flow, id, today);
  return input.required
    ? { ...input, label: i18n.t('form.requiredLabel', { label: input.label }) }
    : input;
}

export function formTitle(i18n: Localizer, flow: FormFlowState): string {
  return flow.kind === 'add'
    ? i18n.t('form.addTitle')
    : i18n.t('form.correctTitle', { company: flow.company ?? '' });
}

export function formStepCard(
  i18n: Localizer,
  flow: FormFlowState,
  section: CustomerSection,
  today: string,
): AdaptiveCard {
  const known = new Set<string>(CUSTOMER_SECTIONS[section]);
  const stray = flow.issues.filter((i) => !known.has(i.field)).map((i) => i18n.issue(i));
  return renderCard('form', {
    title: formTitle(i18n, flow),
    subtitle: i18n.t('form.stepOf', {
      step: CUSTOMER_SECTIONS_IN_ORDER.indexOf(section) + 1,
      section: i18n.t(`section.${section}`),
    }),
    errorSummary: flow.issues.length > 0 ? [i18n.t('form.fixErrors'), ...stray].join(' ') : '',
    fields: CUSTOMER_SECTIONS[section].map((id) => field(i18n, flow, id as AskedField, today)),
    next: {
      title: i18n.t('button.next'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'next', section },
    },
    // Back keeps what was typed on this step, unchecked, and shows the one before.
    back:
      CUSTOMER_SECTIONS_IN_ORDER.indexOf(section) > 0
        ? {
            title: i18n.t('button.back'),
            data: { kind: 'form', flowId: flow.flowId, intent: 'back', section },
          }
        : { title: '', data: {} },
    cancel: {
      title: i18n.t('button.cancel'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
    },
  });
}

/** `normalised`: the values as the service will store them (e.g. the website with its scheme). */
export function reviewCard(
  i18n: Localizer,
  flow: FormFlowState,
  warnings: Issue[],
  normalised: Partial<Record<CustomerField, string>> = {},
): AdaptiveCard {
  const domain =
    flow.kind === 'correct'
      ? (flow.domain ?? '')
      : fullDomain((flow.draft.domain ?? '').toLowerCase());
  const sections = CUSTOMER_SECTIONS_IN_ORDER.map((section) => ({
    title: i18n.t(`section.${section}`),
    facts: CUSTOMER_SECTIONS[section]
      .filter((id) => flow.draft[id])
      .map((id) => ({
        title: fieldLabel(i18n, id),
        value: fieldValueText(i18n, id, normalised[id] ?? flow.draft[id] ?? ''),
      })),
    edit: {
      title: i18n.t('button.edit'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'edit', section },
    },
  }));
  return renderCard('review', {
    title: flow.kind === 'add' ? i18n.t('review.title') : formTitle(i18n, flow),
    subtitle: flow.kind === 'add' ? i18n.t('form.addTitle') : i18n.t('review.title'),
    sections,
    warningsTitle: i18n.t('review.warnings'),
    warnings: warnings.map((w) => i18n.issue(w)),
    domainWarning: i18n.t('review.domainWarning', { domain }),
    duration: i18n.t('review.duration'),
    submit: {
      title: flow.kind === 'add' ? i18n.t('button.submit') : i18n.t('button.next'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'submit' },
    },
    back: {
      title: i18n.t('button.back'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'back' },
    },
    cancel: {
      title: i18n.t('button.cancel'),
      data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
    },
  });
}

/** A submit that stored the customer but not all that goes with it: says so, and finishes on the same button. */
export function unfinishedSubmitCard(
  i18n: Localizer,
  flow: FormFlowState,
  text: string,
): AdaptiveCard {
  return renderCard('notice', {
    title: formTitle(i18n, flow),
    lines: [text],
    choices: [],
    actions: [
      {
        title: flow.kind === 'add' ? i18n.t('button.submit') : i18n.t('button.resubmit'),
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
function correctionLines(i18n: Localizer, flow: FormFlowState): string[] {
  const fixed = i18n.t('confirm.fixed', {
    field: fieldLabel(i18n, 'domain'),
    value: flow.domain ?? '',
  });
  // A correction begun before the original values were kept: only what cannot change.
  if (!flow.original) return [fixed];
  const original = flow.original;
  const changed = CUSTOMER_FIELDS.filter(
    (field) => field !== 'domain' && (flow.draft[field] ?? '') !== (original[field] ?? ''),
  ).map((field) =>
    i18n.t('confirm.change', {
      field: fieldLabel(i18n, field),
      from: fieldValueText(i18n, field, original[field] ?? ''),
      to: fieldValueText(i18n, field, flow.draft[field] ?? ''),
    }),
  );
  return [
    ...(changed.length > 0
      ? [i18n.t('confirm.changes'), ...changed]
      : [i18n.t('confirm.noChanges')]),
    fixed,
  ];
}

export function confirmCard(i18n: Localizer, flow: FormFlowState, max: number): AdaptiveCard {
  return renderCard('notice', {
    title: i18n.t('confirm.title', { company: flow.company ?? '' }),
    lines: [
      i18n.t('confirm.text', { request: flow.request ?? 0, max }),
      ...correctionLines(i18n, flow),
    ],
    choices: [],
    actions: [
      {
        title: i18n.t('button.resubmit'),
        data: { kind: 'form', flowId: flow.flowId, intent: 'confirm' },
        style: 'positive',
      },
      {
        title: i18n.t('button.cancel'),
        data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' },
        style: 'default',
      },
    ],
  });
}

/**
 * A card of a running form, refreshed for its owner where Universal Actions run: in a group chat
 * or a channel only for them, since everyone else sees the card as posted.
 */
export function refreshedForOwner(
  card: AdaptiveCard,
  flow: FormFlowState,
  shared: boolean,
): AdaptiveCard {
  if (!flow.owner) return card;
  const data = { kind: 'form', flowId: flow.flowId, intent: 'refresh', owner: flow.owner.name };
  return withRefresh(card, data, shared ? [flow.owner.id] : []);
}

/** Someone else's form in a group chat or channel, as everyone but its owner sees it. */
export function formWatchCard(i18n: Localizer, ownerName: string): AdaptiveCard {
  return renderCard('notice', {
    title: i18n.t('form.addTitle'),
    lines: [i18n.t('form.inProgressBy', { name: ownerName })],
    choices: [],
    actions: [],
  });
}
