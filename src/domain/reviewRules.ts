import type { CustomerRecord } from './customer.js';
import { emailDomain, isAcronymOnly } from './fieldRules.js';
import type { Decision } from './vetting.js';

/**
 * The local stand-in for Microsoft's review: deterministic rules, documented in docs/operating.md.
 * 1. A legal name that is only an acronym → Denied.
 * 2. No website, and an email domain that does not identify a school → Denied.
 * 3. A website whose domain is unrelated to the email's domain → Denied.
 * 4. Otherwise → Approved.
 */
export function simulatedReview(record: CustomerRecord): Decision {
  const name = record.companyProfile.companyName;
  if (isAcronymOnly(name)) {
    return {
      status: 'Denied',
      reason: `The legal name "${name}" is an acronym; verification needs the institution's full legal name.`,
    };
  }
  const mailDomain = emailDomain(record.billingProfile.email);
  const website = record.qualification.website;
  if (!website) {
    return looksEducational(mailDomain)
      ? { status: 'Approved' }
      : {
          status: 'Denied',
          reason: `No website was given and the email domain ${mailDomain} does not identify an educational institution.`,
        };
  }
  const host = websiteHost(website);
  if (!related(mailDomain, host)) {
    return {
      status: 'Denied',
      reason: `The email domain ${mailDomain} does not match the institution's website ${host}.`,
    };
  }
  return { status: 'Approved' };
}

const EDUCATIONAL_LABELS = new Set([
  'edu',
  'ac',
  'sch',
  'k12',
  'school',
  'college',
  'university',
  'academy',
]);
const EDUCATIONAL_WORDS =
  /(school|univ|college|academ|ecole|lycee|skola|gymnas|hogeschool|schule|campus)/;

/** "contoso.edu", "ox.ac.uk", "lincoln.k12.ne.us", "contososchool.nl" look educational. */
export function looksEducational(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  return (
    labels.some((l) => EDUCATIONAL_LABELS.has(l)) ||
    EDUCATIONAL_WORDS.test(labels.slice(0, -1).join('.'))
  );
}

function websiteHost(website: string): string {
  try {
    return new URL(website).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return website.toLowerCase();
  }
}

/** The same domain, or one a subdomain of the other ("mail.contoso.edu" and "contoso.edu"). */
function related(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}
