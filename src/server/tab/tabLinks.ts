import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import {
  CUSTOMER_ID,
  customerFragment,
  customerPagePath,
} from '../../bot/extension/customerLinks.js';

/** Links into the tab from elsewhere (the chat's cards, inserted cards, links people share). */

/** The personal tab's `entityId` in manifest/manifest.json. */
export const DASHBOARD_ENTITY_ID = 'dashboard';

/** The page's own address of an import: `#import/<jobId>`; in Teams, the deep link's sub-entity. */
const importPageFragment = (jobId: string): string => `import/${encodeURIComponent(jobId)}`;

export interface TabLinkSettings {
  /** The Teams app's id: with credentials, links open the tab inside Teams. */
  teamsAppId?: string | undefined;
  credentials: boolean;
  /** Emulator mode: the tab's page is opened in the browser on this machine. */
  publicUrl?: string | undefined;
}

/** The Teams deep link that opens the tab at a fragment, when the app's id is known. */
function teamsTabLink(teamsAppId: string, fragment: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: fragment }));
  return `https://teams.microsoft.com/l/entity/${teamsAppId}/${DASHBOARD_ENTITY_ID}?context=${context}`;
}

/** The tab's Import page showing one job, or undefined when the bot cannot link to it. */
export function importPageLink(settings: TabLinkSettings, jobId: string): string | undefined {
  const fragment = importPageFragment(jobId);
  if (settings.credentials)
    return settings.teamsAppId ? teamsTabLink(settings.teamsAppId, fragment) : undefined;
  return settings.publicUrl ? `${settings.publicUrl}/tab#${fragment}` : undefined;
}

/**
 * A customer's shareable link: `<PUBLIC_URL>/customers/<id>`. It stays the same whatever the
 * mode, so it can be pasted anywhere (and unfurls into the status card); the server sends whoever
 * opens it on to the tab's detail of that customer.
 */
export function customerPageLink(
  settings: TabLinkSettings,
  customerId: string,
): string | undefined {
  return settings.publicUrl ? `${settings.publicUrl}${customerPagePath(customerId)}` : undefined;
}

const customerLinkParams = z.object({ id: z.string().regex(CUSTOMER_ID) });

/**
 * GET /customers/<id>: on to the tab's detail of the customer, in Teams with credentials (the
 * tab checks who may see it), else the page on this machine. Nothing is read or revealed here.
 */
export function registerCustomerLinkRoute(
  server: Server,
  settings: Omit<TabLinkSettings, 'publicUrl'>,
): void {
  server.get('/customers/:id', async (req: Request, res: Response) => {
    const params = customerLinkParams.safeParse(req.params);
    if (!params.success) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const fragment = customerFragment(params.data.id);
    const target =
      settings.credentials && settings.teamsAppId
        ? teamsTabLink(settings.teamsAppId, fragment)
        : `/tab#${fragment}`;
    res.writeHead(302, { Location: target, 'Cache-Control': 'no-store' });
    res.end();
  });
}
