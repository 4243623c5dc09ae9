import {
  MAX_VERIFICATION_REQUESTS,
  type CustomerRecord,
  type HistoryEntry,
  type VettingStatus,
} from '../../domain/customer.js';
import { STATUS_CARD_FIELDS } from '../../domain/fields.js';
import type { PartnerUser } from '../../domain/roles.js';
import type { CustomerPage } from '../../storage/ports/customerStore.js';
import type { PurchaseOptions, QualificationStatus } from '../../service/educationCustomers.js';
import {
  actorName,
  offerLines,
  changedFieldLabels,
  fieldLabel,
  fieldValueText,
  statusLabel,
  statusWord,
} from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import { withRefresh } from './actions.js';
import { renderCard, type AdaptiveCard, type Button, type StatusCard } from './templates.js';

/** Cards about customers: menu, status, list, offers, choices. Text from the localizer only. */

const command = (cmd: string, extra: Record<string, string> = {}): Button['data'] => ({
  kind: 'cmd',
  cmd,
  ...extra,
});

export function menuCard(l: Localizer, intro: string, lines: string[] = []): AdaptiveCard {
  return renderCard('menu', {
    title: l.t('welcome.title'),
    intro,
    lines,
    statusLabel: l.t('menu.status'),
    statusPlaceholder: l.t('menu.statusPlaceholder'),
    status: { title: l.t('menu.status'), data: command('status') },
    actions: [
      { title: l.t('menu.add'), data: command('add') },
      { title: l.t('menu.customers'), data: command('customers') },
      { title: l.t('menu.help'), data: command('help') },
    ],
  });
}

const STATUS_COLOR: Record<VettingStatus, StatusCard['statusColor']> = {
  None: 'Default',
  InReview: 'Accent',
  Approved: 'Good',
  Denied: 'Attention',
};

function historyLine(l: Localizer, entry: HistoryEntry): string {
  const date = l.date(entry.at);
  const by = actorName(l, entry.by);
  if (entry.changedFields)
    return l.t('status.historyCorrection', { date, fields: changedFieldLabels(l, entry), by });
  return l.t('status.historyEntry', {
    date,
    from: statusWord(l, entry.from),
    to: statusWord(l, entry.to),
    by,
  });
}

/**
 * Whose actions a card offers: one person's, by their role; `everyone` in a group chat or a
 * channel, where the card as posted is the least privileged view (Teams' user-specific views:
 * a person's own actions come only through `refresh` for the users it names); or `checkedOnClick`
 * in a personal chat whose reader is not known here (a notification): the click is checked.
 */
export type CardViewer = PartnerUser | 'everyone' | 'checkedOnClick';

const mayCorrectAs = (viewer: CardViewer): boolean =>
  viewer === 'checkedOnClick' || (viewer !== 'everyone' && viewer.role === 'GlobalAdmin');

export interface StatusCardOptions {
  title?: string;
  intro?: string;
  /** Whether this conversation follows the customer: shows Unfollow or Follow. */
  following?: boolean;
  /** In a group chat or channel: who gets the card refreshed for them when they see it. */
  refreshFor?: string[];
}

/** The account-page view of a customer's Education qualification, with what the viewer may do next. */
export function statusCard(
  l: Localizer,
  status: QualificationStatus,
  viewer: CardViewer,
  options: StatusCardOptions = {},
): AdaptiveCard {
  const denied = status.vettingStatus === 'Denied';
  const mayCorrect = mayCorrectAs(viewer);
  const notes: string[] = [];
  if (denied && status.requestsLeft === 0)
    notes.push(l.t('status.noRequestsLeft', { max: status.maxRequests }));
  else if (denied && !mayCorrect) notes.push(l.t('status.onlyGlobalAdmin'));
  const id = status.customerId;
  // Whoever sees the card again gets the current state, and only the actions it and their role allow.
  const refresh = { kind: 'cmd', cmd: 'status', customer: status.customerId, replace: true };
  const card = renderCard('status', {
    title: options.title ?? l.text(status.companyName),
    intro: options.intro ?? '',
    company: options.title ? `${l.text(status.companyName)} · ${status.domain}` : status.domain,
    statusLabel: statusLabel(l, status.vettingStatus, status.vettingCreateDate),
    statusColor: STATUS_COLOR[status.vettingStatus],
    reason: status.vettingReason ? l.t('status.reason', { reason: status.vettingReason }) : '',
    facts: [
      ...STATUS_CARD_FIELDS.flatMap((field) => {
        const value = status.shown[field];
        return value
          ? [{ title: fieldLabel(l, field), value: fieldValueText(l, field, value) }]
          : [];
      }),
      {
        title: l.t('fact.requests'),
        value: l.t('requests.of', { used: status.requestsUsed, max: status.maxRequests }),
      },
      ...(status.partnerCenterRead
        ? [
            {
              title: l.t('fact.partnerCenterRead'),
              value: status.partnerCenterRead.unknownStatus
                ? l.t('status.partnerCenterSaid', {
                    at: l.dateTime(status.partnerCenterRead.at),
                    status: status.partnerCenterRead.unknownStatus,
                  })
                : l.dateTime(status.partnerCenterRead.at),
            },
          ]
        : []),
      { title: l.t('fact.customerId'), value: id },
    ],
    selling: l.t(`selling.${status.vettingStatus}`),
    notes,
    historyTitle: l.t('status.history'),
    history: status.history
      .slice(-5)
      .reverse()
      .map((entry) => historyLine(l, entry)),
    actions: [
      {
        title: l.t('button.refresh'),
        data: { ...command('status', { customer: id }), replace: true },
      },
      ...(denied && status.requestsLeft > 0 && mayCorrect
        ? [{ title: l.t('button.correct'), data: command('resubmit', { customer: id }) }]
        : []),
      { title: l.t('button.offers'), data: command('offers', { customer: id }) },
      ...(options.following === undefined
        ? []
        : [
            {
              title: l.t(options.following ? 'button.unfollow' : 'button.follow'),
              data: command(options.following ? 'unfollow' : 'follow', { customer: id }),
            },
          ]),
    ],
  });
  return withRefresh(card, refresh, options.refreshFor);
}

export function listCard(l: Localizer, page: CustomerPage, status?: VettingStatus): AdaptiveCard {
  return renderCard('list', {
    title: status
      ? l.t('list.titleFiltered', { status: statusWord(l, status), total: page.total })
      : l.t('list.title', { total: page.total }),
    emptyText: l.t('list.empty'),
    items: page.items.map((c) => ({
      company: l.text(c.companyProfile.companyName),
      detail: `${c.companyProfile.domain} · ${statusLabel(l, c.qualification.vettingStatus, c.qualification.vettingCreateDate)} · ${l.t('list.requests', { used: c.qualification.verificationRequests, max: MAX_VERIFICATION_REQUESTS })}`,
      open: { title: l.t('button.status'), data: command('status', { customer: c.id }) },
    })),
    actions: page.nextCursor
      ? [
          {
            title: l.t('button.nextPage'),
            data: command('customers', { cursor: page.nextCursor, ...(status ? { status } : {}) }),
          },
        ]
      : [],
  });
}

export function offersCard(l: Localizer, company: string, options: PurchaseOptions): AdaptiveCard {
  return renderCard('notice', {
    title: l.t('offers.title', { company }),
    lines: offerLines(l, options),
    choices: [],
    actions: [
      {
        title: l.t('button.status'),
        data: command('status', { customer: options.customerId }),
        style: 'default',
      },
    ],
  });
}

/** Several customers match: one button each, repeating the command for the chosen one. */
export function choiceCard(
  l: Localizer,
  query: string,
  matches: CustomerRecord[],
  cmd: string,
): AdaptiveCard {
  return renderCard('notice', {
    title: l.t('choice.title', { query }),
    lines: [],
    choices: matches.slice(0, 10).map((c) => ({
      title: `${c.companyProfile.companyName} (${c.companyProfile.domain})`,
      data: command(cmd, { customer: c.id }),
    })),
    actions: [],
  });
}

export function noticeCard(title: string, lines: string[] = []): AdaptiveCard {
  return renderCard('notice', { title, lines, choices: [], actions: [] });
}
