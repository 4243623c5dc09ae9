import { countryRequirements, CUSTOMER_SECTIONS, type CustomerSection } from '../../domain/customerInput.js';
import { EDUCATION_SEGMENTS, MAX_DOMAIN_PREFIX_LENGTH, type CustomerField } from '../../domain/fieldSchemas.js';
import type { Issue } from '../../domain/issues.js';
import { ISO_COUNTRY_CODES, isCountryCode } from '../../domain/reference/countries.js';
import type { FormFlowState } from '../flows/formFlowState.js';
import type { Localizer } from '../i18n/index.js';
import type { MessageKey } from '../i18n/en.js';
import { renderCard, type AdaptiveCard, type FormField } from './templates.js';

/** The add/correct form as cards: one card per step, then the review. */

const SECTION_NUMBER: Record<CustomerSection, number> = { organisation: 1, address: 2, contact: 3 };

type FieldSpec = Partial<Omit<FormField, 'id' | 'label' | 'value' | 'error'>>;

/** How each field is asked for, apart from its label, value and error. */
const FIELD_SPECS: Record<Exclude<CustomerField, 'culture' | 'language'>, FieldSpec> = {
  companyName: { required: true, maxLength: 255 },
  educationSegment: { kind: 'choice', required: true },
  website: { style: 'Url', maxLength: 2048 },
  email: { style: 'Email', required: true, maxLength: 254 },
  domain: { required: true, maxLength: MAX_DOMAIN_PREFIX_LENGTH, regex: `^[A-Za-z0-9]{1,${MAX_DOMAIN_PREFIX_LENGTH}}$` },
  country: { kind: 'choice', required: true },
  addressLine1: { required: true, maxLength: 200 },
  addressLine2: { maxLength: 200 },
  city: { required: true, maxLength: 100 },
  state: { maxLength: 100 },
  postalCode: { maxLength: 20 },
  organizationRegistrationNumber: { maxLength: 50 },
  phoneNumber: { style: 'Tel', maxLength: 25 },
  firstName: { required: true, maxLength: 40 },
  lastName: { required: true, maxLength: 40 },
  mcaSignerName: { required: true, maxLength: 100 },
  mcaSignerEmail: { style: 'Email', required: true, maxLength: 254 },
  mcaDateAgreed: { kind: 'date', required: true },
};

const HINTS: Partial<Record<CustomerField, MessageKey>> = {
  companyName: 'hint.companyName',
  website: 'hint.website',
  email: 'hint.email',
  organizationRegistrationNumber: 'hint.registration',
  mcaDateAgreed: 'hint.mca',
};

const COUNTRY_DEPENDENT = ['organizationRegistrationNumber', 'phoneNumber', 'postalCode', 'state'] as const;

// 249 localised names, sorted: built once per language, not at every address card.
const countryChoicesByLanguage = new Map<string, FormField['choices']>();
function countryChoices(l: Localizer): FormField['choices'] {
  let choices = countryChoicesByLanguage.get(l.language);
  if (!choices) {
    choices = ISO_COUNTRY_CODES.map((code) => ({ title: l.country(code), value: code })).sort((a, b) => a.title.localeCompare(b.title, l.locale));
    countryChoicesByLanguage.set(l.language, choices);
  }
  return choices;
}

/** Whether a country-dependent field is required for the draft's country, and the hint that says so. */
function countryRule(l: Localizer, id: (typeof COUNTRY_DEPENDENT)[number], country: string): { required: boolean; note: string } {
  if (!isCountryCode(country)) {
    // No country yet: say where it may be needed, for the fields that depend on a list of countries.
    const listed = id === 'organizationRegistrationNumber' || id === 'phoneNumber';
    return { required: false, note: listed ? l.t('form.requiredInSomeCountries') : '' };
  }
  const required = countryRequirements(country)[id];
  return { required, note: required ? l.t('form.requiredInCountry', { country: l.country(country) }) : '' };
}

function field(l: Localizer, flow: FormFlowState, id: Exclude<CustomerField, 'culture' | 'language'>, today: string): FormField {
  const spec = FIELD_SPECS[id];
  const label = l.t(`field.${id}`);
  const errors = flow.issues.filter((i) => i.field === id).map((i) => l.issue(i));
  let required = spec.required ?? false;
  let hint = HINTS[id] ? l.t(HINTS[id]) : '';
  const country = flow.draft.country?.toUpperCase() ?? '';
  if ((COUNTRY_DEPENDENT as readonly string[]).includes(id)) {
    const rule = countryRule(l, id as (typeof COUNTRY_DEPENDENT)[number], country);
    required = rule.required;
    hint = [hint, rule.note].filter(Boolean).join(' ');
  }
  const base: FormField = {
    id,
    kind: spec.kind ?? 'text',
    label,
    value: flow.draft[id] ?? '',
    placeholder: spec.kind === 'choice' ? l.t('choose') : '',
    hint,
    error: errors.join(' '),
    required,
    clientError: l.issue({ field: id, code: 'required', message: '' }),
    maxLength: spec.maxLength ?? 0,
    style: spec.style ?? 'Text',
    regex: spec.regex ?? '',
    choices: [],
    max: spec.kind === 'date' ? today : '',
  };
  switch (id) {
    case 'educationSegment':
      return { ...base, choices: EDUCATION_SEGMENTS.map((s) => ({ title: l.t(`segment.${s}`), value: s })) };
    case 'country':
      return { ...base, value: country, choices: countryChoices(l) };
    case 'domain':
      if (flow.kind === 'correct') return { ...base, kind: 'readonly', value: l.t('hint.domainFixed', { domain: flow.domain ?? '' }), required: false, hint: '' };
      return {
        ...base,
        clientError: l.issue({ field: id, code: 'invalidDomainCharacters', message: '' }),
        hint: [
          flow.suggestedDomain ? l.t('form.suggestedDomain', { domain: `${flow.suggestedDomain}.onmicrosoft.com` }) : '',
          l.t('hint.domain', { example: `${flow.draft.domain || 'contoso'}.onmicrosoft.com` }),
        ].filter(Boolean).join(' '),
      };
    default:
      return base;
  }
}

export function formTitle(l: Localizer, flow: FormFlowState): string {
  return flow.kind === 'add' ? l.t('form.addTitle') : l.t('form.correctTitle', { company: flow.company ?? '' });
}

export function formStepCard(l: Localizer, flow: FormFlowState, section: CustomerSection, today: string): AdaptiveCard {
  const known = new Set<string>(CUSTOMER_SECTIONS[section]);
  const stray = flow.issues.filter((i) => !known.has(i.field)).map((i) => l.issue(i));
  return renderCard('form', {
    title: formTitle(l, flow),
    subtitle: l.t('form.stepOf', { step: SECTION_NUMBER[section], section: l.t(`section.${section}`) }),
    errorSummary: flow.issues.length > 0 ? [l.t('form.fixErrors'), ...stray].join(' ') : '',
    fields: CUSTOMER_SECTIONS[section].map((id) => field(l, flow, id, today)),
    next: { title: l.t('button.next'), data: { kind: 'form', flowId: flow.flowId, intent: 'next', section } },
    cancel: { title: l.t('button.cancel'), data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' } },
  });
}

function displayValue(l: Localizer, id: CustomerField, value: string): string {
  if (!value) return '—';
  if (id === 'educationSegment' && (EDUCATION_SEGMENTS as readonly string[]).includes(value)) return l.t(`segment.${value as 'K12'}`);
  if (id === 'country') return l.country(value.toUpperCase());
  if (id === 'domain') return `${value.toLowerCase()}.onmicrosoft.com`;
  if (id === 'mcaDateAgreed') return l.date(value);
  return l.text(value);
}

/** `normalised`: the values as the service will store them (e.g. the website with its scheme). */
export function reviewCard(l: Localizer, flow: FormFlowState, warnings: Issue[], normalised: Partial<Record<CustomerField, unknown>> = {}): AdaptiveCard {
  const domain = flow.kind === 'correct' ? (flow.domain ?? '') : `${(flow.draft.domain ?? '').toLowerCase()}.onmicrosoft.com`;
  const sections = (Object.keys(CUSTOMER_SECTIONS) as CustomerSection[]).map((section) => ({
    title: l.t(`section.${section}`),
    facts: CUSTOMER_SECTIONS[section]
      .filter((id) => flow.draft[id])
      .map((id) => ({ title: l.t(`field.${id}`), value: displayValue(l, id, String(normalised[id] ?? flow.draft[id] ?? '')) })),
    edit: { title: l.t('button.edit'), data: { kind: 'form', flowId: flow.flowId, intent: 'edit', section } },
  }));
  return renderCard('review', {
    title: flow.kind === 'add' ? l.t('review.title') : formTitle(l, flow),
    subtitle: flow.kind === 'add' ? l.t('form.addTitle') : l.t('review.title'),
    sections,
    warningsTitle: l.t('review.warnings'),
    warnings: warnings.map((w) => l.issue(w)),
    domainWarning: l.t('review.domainWarning', { domain }),
    duration: l.t('review.duration'),
    submit: { title: flow.kind === 'add' ? l.t('button.submit') : l.t('button.next'), data: { kind: 'form', flowId: flow.flowId, intent: 'submit' } },
    cancel: { title: l.t('button.cancel'), data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' } },
  });
}

/** A submit that stored the customer but not all that goes with it: says so, and finishes on the same button. */
export function unfinishedSubmitCard(l: Localizer, flow: FormFlowState, text: string): AdaptiveCard {
  return renderCard('notice', {
    title: formTitle(l, flow),
    lines: [text],
    choices: [],
    actions: [{ title: flow.kind === 'add' ? l.t('button.submit') : l.t('button.resubmit'), data: { kind: 'form', flowId: flow.flowId, intent: flow.kind === 'add' ? 'submit' : 'confirm' }, style: 'positive' }],
  });
}

export function confirmCard(l: Localizer, flow: FormFlowState, max: number): AdaptiveCard {
  return renderCard('notice', {
    title: l.t('confirm.title', { company: flow.company ?? '' }),
    lines: [l.t('confirm.text', { request: flow.request ?? 0, max })],
    choices: [],
    actions: [
      { title: l.t('button.resubmit'), data: { kind: 'form', flowId: flow.flowId, intent: 'confirm' }, style: 'positive' },
      { title: l.t('button.cancel'), data: { kind: 'form', flowId: flow.flowId, intent: 'cancel' }, style: 'default' },
    ],
  });
}
