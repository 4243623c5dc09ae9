/** Links into the tab from elsewhere (the chat's cards). */

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

/** The tab's Import page showing one job, or undefined when the bot cannot link to it. */
export function importPageLink(settings: TabLinkSettings, jobId: string): string | undefined {
  const fragment = importPageFragment(jobId);
  if (settings.credentials) {
    if (!settings.teamsAppId) return undefined;
    const context = encodeURIComponent(JSON.stringify({ subEntityId: fragment }));
    return `https://teams.microsoft.com/l/entity/${settings.teamsAppId}/${DASHBOARD_ENTITY_ID}?context=${context}`;
  }
  return settings.publicUrl ? `${settings.publicUrl}/tab#${fragment}` : undefined;
}
