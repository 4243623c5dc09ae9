import type { ServiceError } from '../service/educationCustomers.js';
import type { Localizer } from './localizer.js';

/** A service refusal, said to the user in their language. */
export function refusalText(i18n: Localizer, error: ServiceError, company = ''): string {
  switch (error.code) {
    case 'forbidden':
      if (error.reason === 'noRole') return i18n.t('forbidden.noRole');
      if (error.reason === 'indirectReseller') return i18n.t('forbidden.indirectReseller');
      return i18n.t('forbidden.roleNotAllowed', {
        role: i18n.t(`role.${error.role}`),
        capability: i18n.t(`capability.${error.capability}`),
      });
    case 'notFound':
      return i18n.t('notFound', { query: error.customer });
    case 'notDenied':
      return i18n.t('refused.notDenied', { company, status: i18n.t(`statusWord.${error.status}`) });
    case 'requestLimitReached':
      return i18n.t('refused.requestLimitReached', { company, max: error.max });
    case 'reviewInProgress':
      return i18n.t('refused.reviewInProgress', { company });
    case 'notInReview':
      return i18n.t('refused.notDenied', { company, status: i18n.t(`statusWord.${error.status}`) });
    case 'validation':
      return [i18n.t('form.fixErrors'), ...error.issues.map((i) => i18n.issue(i))].join(' ');
    case 'partnerCenterRefused':
      return i18n.t('refused.partnerCenter', {
        company,
        code: error.partnerCenterCode ?? String(error.status ?? '?'),
      });
    case 'partnerCenterProfileChanged':
      return i18n.t('refused.profileChanged', { company });
    case 'partnerCenterUnavailable':
      return i18n.t(`unavailable.${error.done}`, { company });
  }
}
