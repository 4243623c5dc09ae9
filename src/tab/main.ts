import { ApiError, TabApi } from './api.js';
import { renderBarChart } from './chart.js';
import type { OverviewView, StatusEventData, TabSession } from './contract.js';
import { CustomerList } from './customerList.js';
import { CustomerPanel } from './customerPanel.js';
import { byId, el } from './dom.js';
import { ImportPage } from './importPage.js';
import { connectHost, type Host, type Theme } from './host.js';
import { textOf, type Text } from './text.js';

/** The dashboard: wiring only. The list, the panel and the charts each live in their own module. */

/** Coalesces a burst of status changes into one reload. */
const REFRESH_DELAY_MS = 300;
/**
 * Live events come from the instance this page is connected to; with several instances a change
 * made on another one arrives by this periodic reload instead.
 */
const PERIODIC_REFRESH_MS = 30_000;

function applyTheme(theme: Theme): void {
  document.body.dataset.theme = theme;
}

function showProblem(message: string): void {
  const problem = byId('problem');
  problem.textContent = message;
  problem.hidden = false;
}

function clearProblem(): void {
  byId('problem').hidden = true;
}

function announce(message: string): void {
  // Emptied first so the same sentence twice is read twice.
  const announcer = byId('announcer');
  announcer.textContent = '';
  setTimeout(() => (announcer.textContent = message), 50);
}

async function loadOverview(api: TabApi, t: Text): Promise<void> {
  const overview = await api.get<OverviewView>('/api/tab/overview');
  renderBarChart(
    byId('status-chart'),
    t('tab.chart.status'),
    overview.byStatus,
    (n) => t.number(n),
    (bar) => `bar-${bar.key}`,
  );
  renderBarChart(byId('review-chart'), t('tab.chart.reviewDays'), overview.reviewDays, (n) =>
    t.number(n),
  );
  byId('overview-notes').replaceChildren(...overview.notes.map((note) => el('li', {}, note)));
}

function describeSession(session: TabSession, t: Text): void {
  byId('who').textContent = t('tab.signedInAs', {
    name: session.userName,
    role: session.roleLabel,
  });
  if (session.mode === 'development') {
    const banner = byId('banner');
    banner.textContent = t('tab.devBanner', { role: session.roleLabel });
    banner.hidden = false;
  }
}

type PageName = 'customers' | 'import';

/** `#import/<jobId>` or `#customers`: which page, and which import (a link from the chat names one). */
function pageOf(fragment: string): { page: PageName; jobId?: string } {
  const [page, jobId] = fragment.replace(/^#/, '').split('/');
  if (page !== 'import') return { page: 'customers' };
  return jobId ? { page, jobId: decodeURIComponent(jobId) } : { page };
}

/**
 * `#customer/<id>`: a customer's shareable link (or the deep link's sub-entity) opens its detail
 * on the customers page.
 */
function customerOf(fragment: string): string | undefined {
  const [page, id] = fragment.replace(/^#/, '').split('/');
  if (page !== 'customer' || !id) return undefined;
  try {
    return decodeURIComponent(id);
  } catch {
    return undefined;
  }
}

/** The two pages of the tab, one shown at a time, named in the address so a reload keeps it. */
function setUpPages(t: Text, mayImport: boolean, imports: ImportPage): (fragment: string) => void {
  byId('nav-customers').textContent = t('tab.nav.customers');
  byId('nav-import').textContent = t('tab.nav.import');
  const nav = byId('sections');
  nav.setAttribute('aria-label', t('tab.nav'));
  nav.hidden = !mayImport;
  let opened: string | undefined;
  return (fragment) => {
    const { page, jobId } = mayImport ? pageOf(fragment) : { page: 'customers' as const };
    byId('customers-page').hidden = page !== 'customers';
    byId('import-page').hidden = page !== 'import';
    for (const name of ['customers', 'import'] as const) {
      const link = byId(`nav-${name}`);
      if (name === page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (page === 'import' && opened !== fragment) {
      opened = fragment;
      void imports.open(jobId);
    }
  };
}

async function start(): Promise<void> {
  let host: Host;
  let hostFailed = false;
  try {
    host = await connectHost();
  } catch {
    // In a frame but Teams did not answer: show what we can, in the browser's language.
    hostFailed = true;
    host = {
      inTeams: true,
      locale: navigator.language,
      theme: 'default',
      onThemeChange: () => {},
      token: async () => undefined,
      openLink: () => {},
      ready: () => {},
    };
  }
  applyTheme(host.theme);
  host.onThemeChange(applyTheme);
  const strings = await TabApi.strings(host.locale);
  const t = textOf(strings);
  document.documentElement.lang = strings.language;
  document.title = t('tab.title');
  byId('page-title').textContent = t('tab.title');
  byId('overview-title').textContent = t('tab.overview');
  const main = byId('main');
  if (hostFailed) {
    main.hidden = true;
    showProblem(t('tab.error.signIn'));
    return;
  }

  const api = new TabApi(host, strings.locale, {
    network: t('tab.error.network'),
    signIn: t('tab.error.signIn'),
  });
  const onProblem = (error: ApiError) => showProblem(error.message);
  let session: TabSession;
  try {
    session = await api.get<TabSession>('/api/tab/me');
  } catch (error) {
    main.hidden = true;
    showProblem(error instanceof ApiError ? error.message : t('tab.error.network'));
    host.ready();
    return;
  }
  describeSession(session, t);

  const imports = new ImportPage(api, t, announce);
  imports.mount({
    xlsx: `/import/template.xlsx?lang=${strings.language}`,
    csv: `/import/template.csv?lang=${strings.language}`,
  });
  const showPage = setUpPages(t, session.mayImport, imports);
  showPage(window.location.hash || (host.startPage ?? ''));
  window.addEventListener('hashchange', () => {
    showPage(window.location.hash);
    if (!byId('import-page').hidden) byId('import-title').focus();
    const linked = customerOf(window.location.hash);
    if (linked) void panel.open(linked);
  });

  const list = new CustomerList(api, t, (id, opener) => void panel.open(id, opener), onProblem);
  const panel = new CustomerPanel(api, t, host, (id) => list.select(id), onProblem);
  list.mount();
  const refreshAll = async () => {
    clearProblem();
    await Promise.all([loadOverview(api, t).catch(onProblem), list.load(), panel.refresh()]);
  };
  await refreshAll();
  const linked = customerOf(window.location.hash || (host.startPage ?? ''));
  if (linked) await panel.open(linked);
  main.setAttribute('aria-busy', 'false');
  host.ready();

  setInterval(() => {
    if (document.visibilityState === 'visible') void refreshAll();
  }, PERIODIC_REFRESH_MS);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const live = byId('live');
  api.streamEvents({
    onImport: (data) => imports.heard(data),
    onEvent: (data: StatusEventData) => {
      announce(data.announcement);
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void refreshAll(), REFRESH_DELAY_MS);
    },
    onConnection: (open) => {
      live.hidden = false;
      live.textContent = open ? t('tab.live') : t('tab.liveLost');
      live.classList.toggle('interrupted', !open);
      // Changes made while disconnected were missed: catch up once the stream is back.
      if (open && live.dataset.wasLost === 'true') void refreshAll();
      live.dataset.wasLost = String(!open);
    },
  });
}

void start();
