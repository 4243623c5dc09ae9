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
import {
  renderCard,
  withRefresh,
  type AdaptiveCard,
  type Button,
  type StatusCard,
} from './templates.js';

/** Cards about customers: menu, status, list, offers, choices. Text from the localizer only. */

const command = (cmd: string, extra: Record<string, string> = {}): Button['data'] => ({
  kind: 'cmd',
  cmd,
  ...extra,
});

export function menuCard(i18n: Localizer, intro: string, lines: string[] = []): AdaptiveCard {
  return renderCard('menu', {
    title: i18n.t('welcome.title'),
    intro,
    lines,
    statusLabel: i18n.t('menu.status'),
    statusPlaceholder: i18n.t('menu.statusPlaceholder'),
    status: { title: i18n.t('menu.status'), data: command('status') },
    actions: [
      { title: i18n.t('menu.add'), data: command('add') },
      { title: i18n.t('menu.customers'), data: command('customers') },
      { title: i18n.t('menu.help'), data: command('help') },
    ],
  });
}

/** The card a person is welcomed with: when the bot joins, and for "hello" or "menu". */
export const welcomeCard = (i18n: Localizer): AdaptiveCard =>
  menuCard(i18n, i18n.t('welcome.text'));

const STATUS_COLOR: Record<VettingStatus, StatusCard['statusColor']> = {
  None: 'Default',
  InReview: 'Accent',
  Approved: 'Good',
  Denied: 'Attention',
};

function historyLine(i18n: Localizer, entry: HistoryEntry): string {
  const date = i18n.date(entry.at);
  const by = actorName(i18n, entry.by);
  if (entry.changedFields)
    return i18n.t('status.historyCorrection', {
      date,
      fields: changedFieldLabels(i18n, entry),
      by,
    });
  return i18n.t('status.historyEntry', {
    date,
    from: statusWord(i18n, entry.from),
    to: statusWord(i18n, entry.to),
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
  /** Links under the buttons (the customer's page in the dashboard). */
  links?: { title: string; url: string }[];
  /**
   * Where the card can only open links (inserted into Outlook or Copilot): no buttons that call
   * the bot and no refresh, which would fail there.
   */
  openUrlOnly?: boolean;
}

/** The account-page view of a customer's Education qualification, with what the viewer may do next. */
export function statusCard(
  i18n: Localizer,
  status: QualificationStatus,
  viewer: CardViewer,
  options: StatusCardOptions = {},
): AdaptiveCard {
  const denied = status.vettingStatus === 'Denied';
  const mayCorrect = mayCorrectAs(viewer);
  const notes: string[] = [];
  if (denied && status.requestsLeft === 0)
    notes.push(i18n.t('status.noRequestsLeft', { max: status.maxRequests }));
  else if (denied && !mayCorrect) notes.push(i18n.t('status.onlyGlobalAdmin'));
  const id = status.customerId;
  // Whoever sees the card again gets the current state, and only the actions it and their role allow.
  const refresh = { kind: 'cmd', cmd: 'status', customer: status.customerId, replace: true };
  const card = renderCard('status', {
    title: options.title ?? i18n.text(status.companyName),
    intro: options.intro ?? '',
    company: options.title ? `${i18n.text(status.companyName)} · ${status.domain}` : status.domain,
    statusLabel: statusLabel(i18n, status.vettingStatus, status.vettingCreateDate),
    statusColor: STATUS_COLOR[status.vettingStatus],
    reason: status.vettingReason ? i18n.t('status.reason', { reason: status.vettingReason }) : '',
    facts: [
      ...STATUS_CARD_FIELDS.flatMap((field) => {
        const value = status.shown[field];
        return value
          ? [{ title: fieldLabel(i18n, field), value: fieldValueText(i18n, field, value) }]
          : [];
      }),
      {
        title: i18n.t('fact.requests'),
        value: i18n.t('requests.of', { used: status.requestsUsed, max: status.maxRequests }),
      },
      ...(status.partnerCenterRead
        ? [
            {
              title: i18n.t('fact.partnerCenterRead'),
              value: status.partnerCenterRead.unknownStatus
                ? i18n.t('status.partnerCenterSaid', {
                    at: i18n.dateTime(status.partnerCenterRead.at),
                    status: status.partnerCenterRead.unknownStatus,
                  })
                : i18n.dateTime(status.partnerCenterRead.at),
            },
          ]
        : []),
      { title: i18n.t('fact.customerId'), value: id },
    ],
    selling: i18n.t(`selling.${status.vettingStatus}`),
    notes,
    historyTitle: i18n.t('status.history'),
    history: status.history
      .slice(-5)
      .reverse()
      .map((entry) => historyLine(i18n, entry)),
    links: options.links ?? [],
    actions: options.openUrlOnly
      ? []
      : [
          {
            title: i18n.t('button.refresh'),
            data: { ...command('status', { customer: id }), replace: true },
          },
          ...(denied && status.requestsLeft > 0 && mayCorrect
            ? [{ title: i18n.t('button.correct'), data: command('resubmit', { customer: id }) }]
            : []),
          { title: i18n.t('button.offers'), data: command('offers', { customer: id }) },
          ...(options.following === undefined
            ? []
            : [
                {
                  title: i18n.t(options.following ? 'button.unfollow' : 'button.follow'),
                  data: command(options.following ? 'unfollow' : 'follow', { customer: id }),
                },
              ]),
        ],
  });
  return options.openUrlOnly ? card : withRefresh(card, refresh, options.refreshFor);
}

export function listCard(
  i18n: Localizer,
  page: CustomerPage,
  status?: VettingStatus,
): AdaptiveCard {
  return renderCard('list', {
    title: status
      ? i18n.t('list.titleFiltered', { status: statusWord(i18n, status), total: page.total })
      : i18n.t('list.title', { total: page.total }),
    emptyText: i18n.t('list.empty'),
    items: page.items.map((c) => ({
      company: i18n.text(c.companyProfile.companyName),
      detail: `${c.companyProfile.domain} · ${statusLabel(i18n, c.qualification.vettingStatus, c.qualification.vettingCreateDate)} · ${i18n.t('list.requests', { used: c.qualification.verificationRequests, max: MAX_VERIFICATION_REQUESTS })}`,
      open: { title: i18n.t('button.status'), data: command('status', { customer: c.id }) },
    })),
    actions: page.nextCursor
      ? [
          {
            title: i18n.t('button.nextPage'),
            data: command('customers', { cursor: page.nextCursor, ...(status ? { status } : {}) }),
          },
        ]
      : [],
  });
}

export function offersCard(
  i18n: Localizer,
  company: string,
  options: PurchaseOptions,
): AdaptiveCard {
  return renderCard('notice', {
    title: i18n.t('offers.title', { company }),
    lines: offerLines(i18n, options),
    choices: [],
    actions: [
      {
        title: i18n.t('button.status'),
        data: command('status', { customer: options.customerId }),
        style: 'default',
      },
    ],
  });
}

/** Several customers match: one button each, repeating the command for the chosen one. */
export function choiceCard(
  i18n: Localizer,
  query: string,
  matches: CustomerRecord[],
  cmd: string,
): AdaptiveCard {
  return renderCard('notice', {
    title: i18n.t('choice.title', { query }),
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
