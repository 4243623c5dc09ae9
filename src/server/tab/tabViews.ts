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

export function customerRow(i18n: Localizer, record: CustomerRecord): CustomerRow {
  const q = record.qualification;
  return {
    id: record.id,
    companyName: record.companyProfile.companyName,
    domain: record.companyProfile.domain,
    segmentLabel: q.educationSegment ? i18n.t(`segment.${q.educationSegment}`) : '',
    status: q.vettingStatus satisfies TabVettingStatus,
    statusLabel: statusLabel(i18n, q.vettingStatus, q.vettingCreateDate),
    requestsUsed: q.verificationRequests,
    maxRequests: MAX_VERIFICATION_REQUESTS,
    lastChange: record.updatedAt,
    lastChangeLabel: i18n.date(record.updatedAt),
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
  i18n: Localizer,
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
    text += (text ? glue : '') + fieldValueText(i18n, field, value);
    glue = next ?? separator;
  }
  return text;
}

/** The record as the form has it (fields.ts): own rows in the table's order, then the joined rows. */
function facts(i18n: Localizer, record: CustomerRecord): LabelledValue[] {
  const values: Partial<Record<CustomerField, string>> = {
    ...customerFormValues(record),
    domain: record.companyProfile.domain,
  };
  const own = CUSTOMER_FIELDS.filter(
    (field) => fieldDeclaration(field).onTab === 'own' && values[field],
  ).map((field) => ({
    label: fieldLabel(i18n, field),
    value: fieldValueText(i18n, field, values[field] ?? ''),
  }));
  const { mcaAcceptance: mca } = record;
  return [
    ...own,
    ...Object.entries(TAB_GROUPS).map(([group, { label, separator }]) => ({
      label: i18n.t(label),
      value: joined(i18n, values, group as TabGroup, separator),
    })),
    // The agreement reads as a sentence: accepted by its signer, on its date (when known here).
    ...(mca
      ? [
          {
            label: i18n.t('tab.fact.agreement'),
            value: i18n.t('tab.fact.agreementValue', {
              name: mca.signerName,
              date: i18n.date(mca.dateAgreed),
            }),
          },
        ]
      : []),
    {
      label: i18n.t('tab.fact.added'),
      value: `${i18n.date(record.createdAt)} · ${record.createdBy.name}`,
    },
    { label: i18n.t('fact.customerId'), value: record.id },
  ];
}

function timelineEntry(i18n: Localizer, entry: HistoryEntry): TimelineEntry {
  const correction = entry.changedFields !== undefined;
  return {
    at: entry.at,
    dateLabel: i18n.date(entry.at),
    ...(correction ? {} : { status: entry.to }),
    text: correction
      ? i18n.t('history.correction', { fields: changedFieldLabels(i18n, entry) })
      : i18n.t('history.change', {
          from: statusWord(i18n, entry.from),
          to: statusWord(i18n, entry.to),
        }),
    by: i18n.t('tab.timelineBy', { by: actorName(i18n, entry.by) }),
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
}

/** Why the user can or cannot correct and resubmit now: the same rules the bot applies. */
function resubmitView(
  i18n: Localizer,
  record: CustomerRecord,
  user: PartnerUser,
  botAppId: string | undefined,
): CustomerDetail['resubmit'] {
  const q = record.qualification;
  const left = requestsLeft(q);
  const command = i18n.t('tab.resubmitCommand', { customer: record.companyProfile.domain });
  const denied = q.vettingStatus === 'Denied';
  const mayCorrect = authorize(user, 'correctAndResubmit') === undefined;
  const available = denied && left > 0 && mayCorrect;
  let note: string;
  if (!denied) note = i18n.t('tab.resubmitNotDenied');
  else if (left === 0) note = i18n.t('status.noRequestsLeft', { max: MAX_VERIFICATION_REQUESTS });
  else if (!mayCorrect) note = i18n.t('status.onlyGlobalAdmin');
  else
    note = i18n.t('tab.resubmitReady', {
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
  i18n: Localizer,
  record: CustomerRecord,
  purchase: PurchaseOptions,
  user: PartnerUser,
  botAppId: string | undefined,
): CustomerDetail {
  const status = record.qualification.vettingStatus;
  return {
    row: customerRow(i18n, record),
    facts: facts(i18n, record),
    ...(record.qualification.vettingReason ? { reason: record.qualification.vettingReason } : {}),
    timeline: record.qualification.history.map((entry) => timelineEntry(i18n, entry)),
    selling: {
      summary: i18n.t(`selling.${status}`),
      segments: purchase.sellableSegments.length
        ? i18n.t('offers.segments', {
            segments: i18n.list(purchase.sellableSegments.map((s) => i18n.t(`segmentName.${s}`))),
          })
        : i18n.t('offers.noSegments'),
      offers: purchase.offers.map(({ offer, eligibility }) =>
        eligibility.allowed
          ? { name: offer.name, allowed: true }
          : {
              name: offer.name,
              allowed: false,
              reason: purchaseRefusalText(i18n, eligibility.refusal),
            },
      ),
    },
    resubmit: resubmitView(i18n, record, user, botAppId),
  };
}

const formatDays = (i18n: Localizer, days: number) =>
  new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 1 }).format(days);

export function overviewView(i18n: Localizer, overview: CustomerOverview): OverviewView {
  const notes = [
    overview.medianReviewDays === undefined
      ? i18n.t('tab.noReviewsCompleted')
      : i18n.plural('tab.reviewsCompleted', overview.reviewsCompleted, {
          days: i18n.plural('days', overview.medianReviewDays, {
            days: formatDays(i18n, overview.medianReviewDays),
          }),
        }),
  ];
  if (overview.oldestOpenReviewDays !== undefined)
    notes.push(
      i18n.plural('tab.oldestOpenReview', overview.oldestOpenReviewDays, {
        days: formatDays(i18n, overview.oldestOpenReviewDays),
      }),
    );
  return {
    total: overview.total,
    byStatus: VETTING_STATUSES.map((status) => ({
      key: status,
      label: i18n.t(`tab.status.${status}`),
      count: overview.byStatus[status],
    })),
    reviewDays: REVIEW_DAY_BUCKETS.map((_bucket, index) => ({
      key: `days${index}`,
      label: i18n.t(`tab.days.${index}` as 'tab.days.0'),
      count: overview.reviewDays[index] ?? 0,
    })),
    notes,
  };
}
