import type { ActorRef, HistoryEntry, VettingStatus } from '../domain/customer.js';
import { fullDomain, normaliseDomainPrefix } from '../domain/fieldRules.js';
import { fieldDeclaration, type CustomerField } from '../domain/fields.js';
import type { PurchaseRefusal } from '../domain/purchase.js';
import type { PurchaseOptions, QualificationStatus } from '../service/educationCustomers.js';
import { PARTNER_CENTER_REVIEWER } from '../service/qualificationPoller.js';
import type { MessageKey } from './catalogues/en.js';
import type { Localizer } from './localizer.js';

/** How customers read in words, shared by the bot's cards and the tab. */

/** What a submit or resubmission did, said with the request it used ("request 2 of 3"). */
export type SubmissionNews =
  'submitted' | 'submittedAgain' | 'notFollowing' | 'resubmitted' | 'resubmittedAgain';

const SUBMISSION_KEYS: Record<SubmissionNews, MessageKey> = {
  submitted: 'submitted.text',
  submittedAgain: 'submitted.again',
  notFollowing: 'submitted.notFollowing',
  resubmitted: 'resubmitted.text',
  resubmittedAgain: 'resubmitted.already',
};

export function submissionText(
  i18n: Localizer,
  news: SubmissionNews,
  status: Pick<QualificationStatus, 'companyName' | 'requestsUsed' | 'maxRequests'>,
): string {
  // The add texts name the request {used}, the resubmission texts {request}: both are the same number.
  return i18n.t(SUBMISSION_KEYS[news], {
    company: status.companyName,
    used: status.requestsUsed,
    request: status.requestsUsed,
    max: status.maxRequests,
  });
}

/** "Education", "In review since 3 Nov 2026", … as on the customer's account page. */
export function statusLabel(i18n: Localizer, status: VettingStatus, since?: string): string {
  return status === 'InReview'
    ? i18n.t('status.InReview', { date: since ? i18n.date(since) : '' })
    : i18n.t(`status.${status}`);
}

/** The lower-case word for a status, inside sentences. */
export const statusWord = (i18n: Localizer, status: VettingStatus): string =>
  i18n.t(`statusWord.${status}`);

/**
 * People keep their names; Microsoft's own decision (read from Partner Center, api mode) and the
 * local simulation's are named in the reader's language.
 */
export const actorName = (i18n: Localizer, by: ActorRef): string =>
  by.kind !== 'reviewer'
    ? by.name
    : i18n.t(by.id === PARTNER_CENTER_REVIEWER.id ? 'status.microsoft' : 'status.reviewer');

/** A field's label: `field.<name>` in the catalogue. */
export const fieldLabel = (i18n: Localizer, field: CustomerField): string =>
  i18n.t(`field.${field}` as MessageKey);

/** A choice's words: the segment's name (`segment.<value>`); anything else as stored. */
export function choiceLabel(i18n: Localizer, field: CustomerField, value: string): string {
  return fieldDeclaration(field).display === 'segment'
    ? i18n.t(`segment.${value}` as MessageKey)
    : value;
}

/** A field's value as people read it, by the field's display kind (fields.ts). */
export function fieldValueText(i18n: Localizer, field: CustomerField, value: string): string {
  if (!value) return '—';
  switch (fieldDeclaration(field).display) {
    case 'segment':
      return fieldDeclaration(field).input.choices.includes(value)
        ? i18n.t(`segment.${value}` as MessageKey)
        : i18n.text(value);
    case 'country':
      return i18n.country(value.toUpperCase());
    case 'domain':
      // The form holds the prefix, the record the full domain.
      return fullDomain(normaliseDomainPrefix(value));
    case 'date':
      return i18n.date(value);
    case 'text':
      return i18n.text(value);
  }
}

/** The changed fields of a correction, by their labels. */
export const changedFieldLabels = (i18n: Localizer, entry: HistoryEntry): string =>
  i18n.list((entry.changedFields ?? []).map((field) => i18n.t(`field.${field}` as MessageKey)));

export function purchaseRefusalText(i18n: Localizer, refusal: PurchaseRefusal): string {
  switch (refusal.code) {
    case 'verificationPending':
      return i18n.t('refusal.verificationPending', { status: statusWord(i18n, refusal.status) });
    case 'segmentNotSellable':
      return i18n.t('refusal.segmentNotSellable', {
        segment: i18n.t(`segmentName.${refusal.segment}`),
        customerType: i18n.t(`segmentName.${refusal.customerType}`),
      });
    case 'educationOfferKind':
      return i18n.t('refusal.educationOfferKind');
  }
}

/**
 * What can be sold, in words: education-priced offers, commercial offers, then what is not
 * available now and why.
 */
export function offerLines(i18n: Localizer, options: PurchaseOptions): string[] {
  const allowed = options.offers.filter((o) => o.eligibility.allowed).map((o) => o.offer);
  const education = allowed.filter((offer) => offer.segment === 'Education').map((o) => o.name);
  const commercial = allowed.filter((offer) => offer.segment !== 'Education').map((o) => o.name);
  const refused = options.offers.flatMap(({ offer, eligibility }) =>
    eligibility.allowed
      ? []
      : [
          i18n.t('offers.refused', {
            offer: offer.name,
            reason: purchaseRefusalText(i18n, eligibility.refusal),
          }),
        ],
  );
  return [
    ...(education.length ? [i18n.t('offers.education', { offers: i18n.list(education) })] : []),
    ...(commercial.length ? [i18n.t('offers.commercial', { offers: i18n.list(commercial) })] : []),
    ...(allowed.length ? [] : [i18n.t('offers.noSegments')]),
    ...(refused.length ? [i18n.t('offers.unavailable'), ...refused] : []),
  ];
}
