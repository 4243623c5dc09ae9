/**
 * Links that name one customer, which a pasted link unfurls into its status card: the tab's
 * shareable link to a customer's detail (`<PUBLIC_URL>/customers/<id>`, or the tab's own
 * `#customer/<id>`), and Partner Center's pages about a customer
 * (`https://partner.microsoft.com/[en-us/]dashboard/…/customers/<id>/…`).
 */

export const PARTNER_CENTER_HOST = 'partner.microsoft.com';

/** Customer ids are Partner Center GUIDs (or ours); this bounds what is looked up. */
export const CUSTOMER_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The path of a customer's shareable link (server/tab serves it: it opens the tab's detail). */
export const customerPagePath = (customerId: string): string =>
  `/customers/${encodeURIComponent(customerId)}`;

/** The tab's address fragment that opens a customer's detail (and the deep link's sub-entity). */
export const customerFragment = (customerId: string): string =>
  `customer/${encodeURIComponent(customerId)}`;

/** The customer a link names, or undefined when it names none this bot knows how to read. */
export function customerIdInLink(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  const after = (word: string, within: string[]) => {
    const at = within.findIndex((s) => s.toLowerCase() === word);
    return at >= 0 ? decodeSegment(within[at + 1]) : undefined;
  };
  if (url.hostname.toLowerCase() === PARTNER_CENTER_HOST) {
    // Any page under a customer, with or without a locale segment first.
    return checked(after('customers', segments));
  }
  if (segments.length === 2 && segments[0] === 'customers')
    return checked(decodeSegment(segments[1]));
  if (segments.length === 1 && segments[0] === 'tab') {
    const fragment = url.hash.replace(/^#/, '').split('/');
    return fragment.length === 2 && fragment[0] === 'customer'
      ? checked(decodeSegment(fragment[1]))
      : undefined;
  }
  return undefined;
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const checked = (id: string | undefined): string | undefined =>
  id !== undefined && CUSTOMER_ID.test(id) ? id : undefined;
