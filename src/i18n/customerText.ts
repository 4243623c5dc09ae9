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
  l: Localizer,
  news: SubmissionNews,
  status: Pick<QualificationStatus, 'companyName' | 'requestsUsed' | 'maxRequests'>,
): string {
  // The add texts name the request {used}, the resubmission texts {request}: both are the same number.
  return l.t(SUBMISSION_KEYS[news], {
    company: status.companyName,
    used: status.requestsUsed,
    request: status.requestsUsed,
    max: status.maxRequests,
  });
}

/** "Education", "In review since 3 Nov 2026", … as on the customer's account page. */
export function statusLabel(l: Localizer, status: VettingStatus, since?: string): string {
  return status === 'InReview'
    ? l.t('status.InReview', { date: since ? l.date(since) : '' })
    : l.t(`status.${status}`);
}

/** The lower-case word for a status, inside sentences. */
export const statusWord = (l: Localizer, status: VettingStatus): string =>
  l.t(`statusWord.${status}`);

/**
 * People keep their names; Microsoft's own decision (read from Partner Center, api mode) and the
 * local simulation's are named in the reader's language.
 */
export const actorName = (l: Localizer, by: ActorRef): string =>
  by.kind !== 'reviewer'
    ? by.name
    : l.t(by.id === PARTNER_CENTER_REVIEWER.id ? 'status.microsoft' : 'status.reviewer');

/** A field's label: `field.<name>` in the catalogue. */
export const fieldLabel = (l: Localizer, field: CustomerField): string =>
  l.t(`field.${field}` as MessageKey);

/** A choice's words: the segment's name (`segment.<value>`); anything else as stored. */
export function choiceLabel(l: Localizer, field: CustomerField, value: string): string {
  return fieldDeclaration(field).display === 'segment'
    ? l.t(`segment.${value}` as MessageKey)
    : value;
}

/** A field's value as people read it, by the field's display kind (fields.ts). */
export function fieldValueText(l: Localizer, field: CustomerField, value: string): string {
  if (!value) return '—';
  switch (fieldDeclaration(field).display) {
    case 'segment':
      return fieldDeclaration(field).input.choices.includes(value)
        ? l.t(`segment.${value}` as MessageKey)
        : l.text(value);
    case 'country':
      return l.country(value.toUpperCase());
    case 'domain':
      // The form holds the prefix, the record the full domain.
      return fullDomain(normaliseDomainPrefix(value));
    case 'date':
      return l.date(value);
    case 'text':
      return l.text(value);
  }
}

/** The changed fields of a correction, by their labels. */
export const changedFieldLabels = (l: Localizer, entry: HistoryEntry): string =>
  l.list((entry.changedFields ?? []).map((field) => l.t(`field.${field}` as MessageKey)));

export function purchaseRefusalText(l: Localizer, refusal: PurchaseRefusal): string {
  switch (refusal.code) {
    case 'verificationPending':
      return l.t('refusal.verificationPending', { status: statusWord(l, refusal.status) });
    case 'segmentNotSellable':
      return l.t('refusal.segmentNotSellable', {
        segment: l.t(`segmentName.${refusal.segment}`),
        customerType: l.t(`segmentName.${refusal.customerType}`),
      });
    case 'educationOfferKind':
      return l.t('refusal.educationOfferKind');
  }
}

/**
 * What can be sold, in words: education-priced offers, commercial offers, then what is not
 * available now and why.
 */
export function offerLines(l: Localizer, options: PurchaseOptions): string[] {
  const allowed = options.offers.filter((o) => o.eligibility.allowed).map((o) => o.offer);
  const education = allowed.filter((offer) => offer.segment === 'Education').map((o) => o.name);
  const commercial = allowed.filter((offer) => offer.segment !== 'Education').map((o) => o.name);
  const refused = options.offers.flatMap(({ offer, eligibility }) =>
    eligibility.allowed
      ? []
      : [
          l.t('offers.refused', {
            offer: offer.name,
            reason: purchaseRefusalText(l, eligibility.refusal),
          }),
        ],
  );
  return [
    ...(education.length ? [l.t('offers.education', { offers: l.list(education) })] : []),
    ...(commercial.length ? [l.t('offers.commercial', { offers: l.list(commercial) })] : []),
    ...(allowed.length ? [] : [l.t('offers.noSegments')]),
    ...(refused.length ? [l.t('offers.unavailable'), ...refused] : []),
  ];
}
