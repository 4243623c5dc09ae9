import type * as TeamsJs from '@microsoft/teams-js';

/**
 * Where the page runs: inside Teams (teams-js gives the theme, the locale and the SSO token), or
 * in a plain browser during development (the server decides whether that is allowed).
 */

declare global {
  interface Window {
    /** teams-js, loaded as its UMD bundle by index.html. */
    microsoftTeams?: typeof TeamsJs;
  }
}

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  /** Outside Teams only: whose customers the development server should show (`?tenant=`). */
  developmentTenant?: string;
  locale: string;
  theme: Theme;
  /** Which page a link asked for (a Teams deep link's sub-entity, or the address's fragment). */
  startPage?: string;
  onThemeChange(handler: (theme: Theme) => void): void;
  /** The SSO token for the tab's API; undefined outside Teams. Throws when Teams refuses. */
  token(): Promise<string | undefined>;
  openLink(url: string): void;
  /** Tells Teams the page has loaded (hides its loading indicator). */
  ready(): void;
}

const asTheme = (value: string | null | undefined): Theme =>
  value === 'dark' || value === 'contrast' ? value : 'default';
const INITIALIZE_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function teamsHost(teams: typeof TeamsJs): Promise<Host> {
  await withTimeout(teams.app.initialize(), INITIALIZE_TIMEOUT_MS, 'Teams initialisation');
  const context = await teams.app.getContext();
  const startPage = context.page.subPageId;
  return {
    inTeams: true,
    ...(startPage ? { startPage } : {}),
    locale: context.app.locale,
    theme: asTheme(context.app.theme),
    onThemeChange: (handler) =>
      teams.app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    token: () => teams.authentication.getAuthToken(),
    openLink: (url) => void teams.app.openLink(url),
    ready: () => void teams.app.notifySuccess(),
  };
}

/** Outside Teams: `?locale=fr-FR&theme=dark` stand in for what Teams would say; `?tenant=` picks the partner. */
function browserHost(): Host {
  const query = new URLSearchParams(window.location.search);
  // Old embedded browsers lack matchMedia, whatever the DOM typings say.
  const prefersDark =
    (window.matchMedia as typeof window.matchMedia | undefined)?.('(prefers-color-scheme: dark)')
      .matches ?? false;
  const tenant = query.get('tenant');
  return {
    inTeams: false,
    ...(tenant ? { developmentTenant: tenant } : {}),
    locale: query.get('locale') ?? navigator.language,
    theme: query.has('theme') ? asTheme(query.get('theme')) : prefersDark ? 'dark' : 'default',
    onThemeChange: () => {},
    token: async () => undefined,
    openLink: (url) => void window.open(url, '_blank', 'noopener'),
    ready: () => {},
  };
}

export async function connectHost(): Promise<Host> {
  const framed = window.parent !== window;
  return framed && window.microsoftTeams ? teamsHost(window.microsoftTeams) : browserHost();
}
