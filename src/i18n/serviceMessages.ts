import type { ServiceError } from '../service/educationCustomers.js';
import type { Localizer } from './localizer.js';

/** A service refusal, said to the user in their language. */
export function refusalText(l: Localizer, error: ServiceError, company = ''): string {
  switch (error.code) {
    case 'forbidden':
      if (error.reason === 'noRole') return l.t('forbidden.noRole');
      if (error.reason === 'indirectReseller') return l.t('forbidden.indirectReseller');
      return l.t('forbidden.roleNotAllowed', {
        role: l.t(`role.${error.role}`),
        capability: l.t(`capability.${error.capability}`),
      });
    case 'notFound':
      return l.t('notFound', { query: error.customer });
    case 'notDenied':
      return l.t('refused.notDenied', { company, status: l.t(`statusWord.${error.status}`) });
    case 'requestLimitReached':
      return l.t('refused.requestLimitReached', { company, max: error.max });
    case 'reviewInProgress':
      return l.t('refused.reviewInProgress', { company });
    case 'notInReview':
      return l.t('refused.notDenied', { company, status: l.t(`statusWord.${error.status}`) });
    case 'validation':
      return [l.t('form.fixErrors'), ...error.issues.map((i) => l.issue(i))].join(' ');
    case 'partnerCenterRefused':
      return l.t('refused.partnerCenter', {
        company,
        code: error.partnerCenterCode ?? String(error.status ?? '?'),
      });
    case 'partnerCenterProfileChanged':
      return l.t('refused.profileChanged', { company });
    case 'partnerCenterUnavailable':
      return l.t(`unavailable.${error.done}`, { company });
  }
}
