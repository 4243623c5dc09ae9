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
      company: companyName,
      status: statusWord(i18n, decided),
    }),
  );
}

/** At most this many decisions are listed on a digest; the rest are counted. */
const DIGEST_LINES = 40;

/** Several decisions that came together for one conversation, as one card. */
export function decisionDigestCard(
  i18n: Localizer,
  decisions: readonly { company: string; to: VettingStatus; reason?: string }[],
): AdaptiveCard {
  const lines = decisions.slice(0, DIGEST_LINES).map(({ company, to, reason }) =>
    i18n.t(reason ? 'notify.digestLineReason' : 'notify.digestLine', {
      company,
      status: statusWord(i18n, to),
      ...(reason ? { reason } : {}),
    }),
  );
  const more = decisions.length - lines.length;
  return noticeCard(i18n.plural('notify.digestTitle', decisions.length), [
    ...lines,
    ...(more > 0 ? [i18n.t('notify.digestMore', { count: more })] : []),
  ]);
}
