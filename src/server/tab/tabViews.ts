import {
  actorName,
  changedFieldLabels,
  fieldLabel,
  fieldValueText,
  purchaseRefusalText,
  statusLabel,
  statusWord,
} from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { MessageKey } from '../../i18n/catalogues/en.js';
import { customerFormValues } from '../../domain/customerRecord.js';
import {
  CUSTOMER_FIELDS,
  fieldDeclaration,
  type CustomerField,
  type TabGroup,
} from '../../domain/fields.js';
import {
  MAX_VERIFICATION_REQUESTS,
  VETTING_STATUSES,
  type CustomerRecord,
  type HistoryEntry,
} from '../../domain/customer.js';
import { REVIEW_DAY_BUCKETS, type CustomerOverview } from '../../domain/overview.js';
import { authorize, type PartnerUser } from '../../domain/roles.js';
import { requestsLeft } from '../../domain/vetting.js';
import type { PurchaseOptions } from '../../service/educationCustomers.js';
import type {
  CustomerDetail,
  CustomerRow,
  LabelledValue,
  OverviewView,
  TabVettingStatus,
  TimelineEntry,
} from '../../tab/contract.js';

/** The tab's view models: what a page shows, in the reader's language, and nothing more. */

export function customerRow(l: Localizer, record: CustomerRecord): CustomerRow {
  const q = record.qualification;
  return {
    id: record.id,
    companyName: record.companyProfile.companyName,
    domain: record.companyProfile.domain,
    segmentLabel: q.educationSegment ? l.t(`segment.${q.educationSegment}`) : '',
    status: q.vettingStatus satisfies TabVettingStatus,
    statusLabel: statusLabel(l, q.vettingStatus, q.vettingCreateDate),
    requestsUsed: q.verificationRequests,
    maxRequests: MAX_VERIFICATION_REQUESTS,
    lastChange: record.updatedAt,
    lastChangeLabel: l.date(record.updatedAt),
  };
}

/** The tab's joined rows: what heads each, and how its parts join. */
const TAB_GROUPS: Record<
  Exclude<TabGroup, 'agreement'>,
  { label: MessageKey; separator: string }
> = {
  address: { label: 'tab.fact.address', separator: ', ' },
  contact: { label: 'tab.fact.contact', separator: ' · ' },
};

/** Each joined row's fields in their places, from the field table: worked out once. */
const GROUP_MEMBERS = (group: TabGroup) =>
  CUSTOMER_FIELDS.flatMap((field) => {
    const onTab = fieldDeclaration(field).onTab;
    return typeof onTab === 'object' && onTab.group === group ? [{ field, ...onTab }] : [];
  }).sort((a, b) => a.at - b.at);
const MEMBERS: Record<TabGroup, ReturnType<typeof GROUP_MEMBERS>> = {
  address: GROUP_MEMBERS('address'),
  contact: GROUP_MEMBERS('contact'),
  agreement: GROUP_MEMBERS('agreement'),
};

/** A joined row's value: its fields' values in their places, each glued to the next. */
function joined(
  l: Localizer,
  values: Partial<Record<CustomerField, string>>,
  group: TabGroup,
  separator: string,
): string {
  const members = MEMBERS[group];
  let text = '';
  let glue = '';
  for (const { field, glue: next } of members) {
    const value = values[field];
    if (!value) continue;
    text += (text ? glue : '') + fieldValueText(l, field, value);
    glue = next ?? separator;
  }
  return text;
}

/** The record as the form has it (fields.ts): own rows in the table's order, then the joined rows. */
function facts(l: Localizer, record: CustomerRecord): LabelledValue[] {
  const values: Partial<Record<CustomerField, string>> = {
    ...customerFormValues(record),
    domain: record.companyProfile.domain,
  };
  const own = CUSTOMER_FIELDS.filter(
    (field) => fieldDeclaration(field).onTab === 'own' && values[field],
  ).map((field) => ({
    label: fieldLabel(l, field),
    value: fieldValueText(l, field, values[field] ?? ''),
  }));
  const { mcaAcceptance: mca } = record;
  return [
    ...own,
    ...Object.entries(TAB_GROUPS).map(([group, { label, separator }]) => ({
      label: l.t(label),
      value: joined(l, values, group as TabGroup, separator),
    })),
    // The agreement reads as a sentence: accepted by its signer, on its date (when known here).
    ...(mca
      ? [
          {
            label: l.t('tab.fact.agreement'),
            value: l.t('tab.fact.agreementValue', {
              name: mca.signerName,
              date: l.date(mca.dateAgreed),
            }),
          },
        ]
      : []),
    {
      label: l.t('tab.fact.added'),
      value: `${l.date(record.createdAt)} · ${record.createdBy.name}`,
    },
    { label: l.t('fact.customerId'), value: record.id },
  ];
}

function timelineEntry(l: Localizer, entry: HistoryEntry): TimelineEntry {
  const correction = entry.changedFields !== undefined;
  return {
    at: entry.at,
    dateLabel: l.date(entry.at),
    ...(correction ? {} : { status: entry.to }),
    text: correction
      ? l.t('history.correction', { fields: changedFieldLabels(l, entry) })
      : l.t('history.change', { from: statusWord(l, entry.from), to: statusWord(l, entry.to) }),
    by: l.t('tab.timelineBy', { by: actorName(l, entry.by) }),
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
}

/** Why the user can or cannot correct and resubmit now: the same rules the bot applies. */
function resubmitView(
  l: Localizer,
  record: CustomerRecord,
  user: PartnerUser,
  botAppId: string | undefined,
): CustomerDetail['resubmit'] {
  const q = record.qualification;
  const left = requestsLeft(q);
  const command = l.t('tab.resubmitCommand', { customer: record.companyProfile.domain });
  const denied = q.vettingStatus === 'Denied';
  const mayCorrect = authorize(user, 'correctAndResubmit') === undefined;
  const available = denied && left > 0 && mayCorrect;
  let note: string;
  if (!denied) note = l.t('tab.resubmitNotDenied');
  else if (left === 0) note = l.t('status.noRequestsLeft', { max: MAX_VERIFICATION_REQUESTS });
  else if (!mayCorrect) note = l.t('status.onlyGlobalAdmin');
  else
    note = l.t('tab.resubmitReady', {
      request: q.verificationRequests + 1,
      max: MAX_VERIFICATION_REQUESTS,
    });
  return {
    available,
    note,
    command,
    // Teams opens the personal chat with the bot, the command already typed.
    ...(available && botAppId
      ? {
          chatUrl: `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}&message=${encodeURIComponent(command)}`,
        }
      : {}),
  };
}

export function customerDetail(
  l: Localizer,
  record: CustomerRecord,
  purchase: PurchaseOptions,
  user: PartnerUser,
  botAppId: string | undefined,
): CustomerDetail {
  const status = record.qualification.vettingStatus;
  return {
    row: customerRow(l, record),
    facts: facts(l, record),
    ...(record.qualification.vettingReason ? { reason: record.qualification.vettingReason } : {}),
    timeline: record.qualification.history.map((entry) => timelineEntry(l, entry)),
    selling: {
      summary: l.t(`selling.${status}`),
      segments: purchase.sellableSegments.length
        ? l.t('offers.segments', {
            segments: l.list(purchase.sellableSegments.map((s) => l.t(`segmentName.${s}`))),
          })
        : l.t('offers.noSegments'),
      offers: purchase.offers.map(({ offer, eligibility }) =>
        eligibility.allowed
          ? { name: offer.name, allowed: true }
          : {
              name: offer.name,
              allowed: false,
              reason: purchaseRefusalText(l, eligibility.refusal),
            },
      ),
    },
    resubmit: resubmitView(l, record, user, botAppId),
  };
}

const formatDays = (l: Localizer, days: number) =>
  new Intl.NumberFormat(l.locale, { maximumFractionDigits: 1 }).format(days);

export function overviewView(l: Localizer, overview: CustomerOverview): OverviewView {
  const notes = [
    overview.medianReviewDays === undefined
      ? l.t('tab.noReviewsCompleted')
      : l.plural('tab.reviewsCompleted', overview.reviewsCompleted, {
          days: l.plural('days', overview.medianReviewDays, {
            days: formatDays(l, overview.medianReviewDays),
          }),
        }),
  ];
  if (overview.oldestOpenReviewDays !== undefined)
    notes.push(
      l.plural('tab.oldestOpenReview', overview.oldestOpenReviewDays, {
        days: formatDays(l, overview.oldestOpenReviewDays),
      }),
    );
  return {
    total: overview.total,
    byStatus: VETTING_STATUSES.map((status) => ({
      key: status,
      label: l.t(`tab.status.${status}`),
      count: overview.byStatus[status],
    })),
    reviewDays: REVIEW_DAY_BUCKETS.map((_bucket, index) => ({
      key: `days${index}`,
      label: l.t(`tab.days.${index}` as 'tab.days.0'),
      count: overview.reviewDays[index] ?? 0,
    })),
    notes,
  };
}
