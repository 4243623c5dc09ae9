import type { ApiError, TabApi } from './api.js';
import {
  TAB_COLUMNS,
  TAB_SORTS,
  type CustomerListPage,
  type CustomerRow,
  type TabSort,
  type TabVettingStatus,
} from './contract.js';
import { byId, elementById, el } from './dom.js';
import type { Text } from './text.js';

/**
 * The searchable, filterable list. Paging follows the server's cursors (a stack of them, so
 * "previous" needs no offsets): a page costs the same at 10 or 10,000 customers.
 */

const STATUSES: TabVettingStatus[] = ['InReview', 'Approved', 'Denied', 'None'];
const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;

export function statusBadge(row: Pick<CustomerRow, 'status' | 'statusLabel'>): HTMLElement {
  return el('span', { class: `badge badge-${row.status}` }, row.statusLabel);
}

export class CustomerList {
  private query = '';
  private status: TabVettingStatus | '' = '';
  private sort: TabSort = 'lastChange';
  /** The cursor of each page visited so far; the last is the current page. */
  private cursors: (string | undefined)[] = [undefined];
  private page: CustomerListPage | undefined;
  private selectedId: string | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ignores answers to requests that a newer one has replaced. */
  private generation = 0;

  constructor(
    private readonly api: TabApi,
    private readonly t: Text,
    private readonly onOpen: (id: string, opener: HTMLElement) => void,
    private readonly onProblem: (error: ApiError) => void,
  ) {}

  mount(): void {
    const t = this.t;
    byId('customers-title').textContent = t('tab.customers');
    byId('search-label').textContent = t('tab.search');
    byId('status-label').textContent = t('tab.filterStatus');
    byId('sort-label').textContent = t('tab.sort');
    byId('table-caption').textContent = t('tab.customers');
    const statusFilter = elementById('status-filter', HTMLSelectElement);
    statusFilter.replaceChildren(
      el('option', { value: '' }, t('tab.allStatuses')),
      ...STATUSES.map((s) => el('option', { value: s }, t(`tab.status.${s}`))),
    );
    const sort = elementById('sort', HTMLSelectElement);
    sort.replaceChildren(...TAB_SORTS.map((s) => el('option', { value: s }, t(`tab.sort.${s}`))));
    byId('table-head').replaceChildren(
      ...TAB_COLUMNS.map((c) => el('th', { scope: 'col' }, t(`tab.column.${c}`))),
    );
    byId('previous-page').textContent = t('tab.previous');
    byId('next-page').textContent = t('tab.next');
    byId('pager').setAttribute('aria-label', t('tab.pages'));

    byId('filters').addEventListener('submit', (event) => event.preventDefault());
    elementById('search', HTMLInputElement).addEventListener('input', (event) => {
      clearTimeout(this.searchTimer);
      const value = (event.target as HTMLInputElement).value;
      this.searchTimer = setTimeout(
        () => this.restart(() => (this.query = value.trim())),
        SEARCH_DELAY_MS,
      );
    });
    statusFilter.addEventListener('change', () =>
      this.restart(() => (this.status = statusFilter.value as TabVettingStatus | '')),
    );
    sort.addEventListener('change', () => this.restart(() => (this.sort = sort.value as TabSort)));
    byId('previous-page').addEventListener('click', () => {
      if (this.cursors.length > 1) this.cursors.pop();
      void this.load();
    });
    byId('next-page').addEventListener('click', () => {
      if (this.page?.nextCursor) this.cursors.push(this.page.nextCursor);
      void this.load();
    });
  }

  private restart(change: () => void): void {
    change();
    this.cursors = [undefined];
    void this.load();
  }

  select(id: string | undefined): void {
    this.selectedId = id;
    for (const row of byId('customer-rows').querySelectorAll<HTMLTableRowElement>('tr[data-id]')) {
      const selected = row.dataset.id === id;
      row.classList.toggle('selected', selected);
      row.querySelector('button')?.setAttribute('aria-expanded', String(selected));
    }
  }

  /** Loads the current page again (after a live update), keeping focus on the same customer. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    let page: CustomerListPage;
    try {
      page = await this.api.get<CustomerListPage>('/api/tab/customers', {
        q: this.query,
        status: this.status,
        sort: this.sort,
        cursor: this.cursors.at(-1),
        pageSize: PAGE_SIZE,
      });
    } catch (error) {
      if (generation === this.generation) this.onProblem(error as ApiError);
      return;
    }
    if (generation !== this.generation) return;
    const focusedId = (document.activeElement?.closest('tr[data-id]') as HTMLElement | null)
      ?.dataset.id;
    this.page = page;
    this.render(page);
    if (focusedId)
      byId('customer-rows')
        .querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focusedId)}"] button`)
        ?.focus();
  }

  private render(page: CustomerListPage): void {
    const t = this.t;
    const rows = page.items.map((row) => {
      const open = el(
        'button',
        {
          type: 'button',
          class: 'row-open',
          'aria-controls': 'detail',
          'aria-expanded': String(row.id === this.selectedId),
        },
        row.companyName,
      );
      open.addEventListener('click', () => this.onOpen(row.id, open));
      return el(
        'tr',
        { 'data-id': row.id, class: row.id === this.selectedId ? 'selected' : undefined },
        el('td', {}, open),
        el('td', { class: 'domain' }, row.domain),
        el('td', {}, row.segmentLabel),
        el('td', {}, statusBadge(row)),
        el('td', {}, t('tab.requestsOf', { used: row.requestsUsed, max: row.maxRequests })),
        el('td', {}, el('time', { datetime: row.lastChange }, row.lastChangeLabel)),
      );
    });
    byId('customer-rows').replaceChildren(
      ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6 }, t('tab.noCustomers')))]),
    );
    const index = this.cursors.length;
    const from = page.total === 0 ? 0 : (index - 1) * PAGE_SIZE + 1;
    const to = (index - 1) * PAGE_SIZE + page.items.length;
    byId('list-summary').textContent = t('tab.showing', {
      from: t.number(from),
      to: t.number(to),
      total: t.number(page.total),
    });
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    byId('page-position').textContent = t('tab.pageOf', {
      page: t.number(index),
      pages: t.number(pages),
    });
    elementById('previous-page', HTMLButtonElement).disabled = index === 1;
    elementById('next-page', HTMLButtonElement).disabled = !page.nextCursor;
  }
}
