import type { VettingStatus } from '../../domain/customer.js';
import { statusWord } from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { QualificationStatus } from '../../service/educationCustomers.js';
import { noticeCard, statusCard } from './customerCards.js';
import type { AdaptiveCard } from './templates.js';

/** The cards a conversation gets when Microsoft decides (the notifier sends them). */

/**
 * The decision (`decided`: what this notification tells, whatever the status is by now), as its
 * own card, with the customer's current status. In a group chat or channel everyone sees the card as posted, so
 * it offers only what anyone may do; each viewer's refresh shows their own actions.
 */
export function decisionCard(
  i18n: Localizer,
  status: QualificationStatus,
  decided: VettingStatus,
  shared: boolean,
): AdaptiveCard {
  const title =
    decided === 'Approved' ? i18n.t('notify.approvedTitle') : i18n.t('notify.deniedTitle');
  return statusCard(i18n, status, shared ? 'everyone' : 'checkedOnClick', {
    title,
    intro: '',
    following: true,
  });
}

/** What the old "Submitted – In review" card says once the decision has its own card. */
export function decidedBelowCard(
  i18n: Localizer,
  companyName: string,
  decided: VettingStatus,
): AdaptiveCard {
  return noticeCard(
    i18n.t('notify.decidedBelow', {
      company: i18n.text(companyName),
      status: statusWord(i18n, decided),
    }),
  );
}
