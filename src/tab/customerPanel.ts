import type { ApiError, TabApi } from './api.js';
import type { CustomerDetail } from './contract.js';
import { statusBadge } from './customerList.js';
import { byId, el } from './dom.js';
import type { Host } from './host.js';
import type { Text } from './text.js';

/**
 * One customer beside the list: the record, the status history as a timeline, what can be sold,
 * and the way to the bot's chat to correct and resubmit. Focus moves into the panel when it
 * opens and back to the row when it closes (Escape or the close button).
 */
export class CustomerPanel {
  private openId: string | undefined;
  private opener: HTMLElement | undefined;

  constructor(
    private readonly api: TabApi,
    private readonly t: Text,
    private readonly host: Host,
    private readonly onChange: (openId: string | undefined) => void,
    private readonly onProblem: (error: ApiError) => void,
  ) {
    byId('detail').addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  get customerId(): string | undefined {
    return this.openId;
  }

  async open(id: string, opener?: HTMLElement): Promise<void> {
    let detail: CustomerDetail;
    try {
      detail = await this.api.get<CustomerDetail>(`/api/tab/customers/${encodeURIComponent(id)}`);
    } catch (error) {
      this.onProblem(error as ApiError);
      return;
    }
    const moveFocus = opener !== undefined;
    if (opener) this.opener = opener;
    this.openId = id;
    this.render(detail);
    this.onChange(id);
    if (moveFocus) byId('detail-title').focus();
  }

  /** After a live update: the same customer, fresh. */
  async refresh(): Promise<void> {
    if (this.openId) await this.open(this.openId);
  }

  close(): void {
    const panel = byId('detail');
    panel.hidden = true;
    panel.replaceChildren();
    byId('main').querySelector('.workspace')?.classList.remove('with-detail');
    this.openId = undefined;
    this.onChange(undefined);
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = undefined;
  }

  private render(detail: CustomerDetail): void {
    const t = this.t;
    const close = el('button', { type: 'button', class: 'close' }, t('tab.close'));
    close.addEventListener('click', () => this.close());
    const section = (title: string, ...content: (Node | string)[]) => [
      el('h3', {}, title),
      ...content,
    ];
    const panel = byId('detail');
    panel.replaceChildren(
      el(
        'div',
        { class: 'detail-header' },
        el(
          'div',
          {},
          el('h2', { id: 'detail-title', tabindex: -1 }, detail.row.companyName),
          statusBadge(detail.row),
        ),
        close,
      ),
      ...(detail.reason
        ? section(t('tab.detail.reason'), el('p', { class: 'reason-box' }, detail.reason))
        : []),
      ...section(
        t('tab.detail.record'),
        el(
          'dl',
          { class: 'facts' },
          ...detail.facts.flatMap((fact) => [el('dt', {}, fact.label), el('dd', {}, fact.value)]),
        ),
      ),
      ...section(
        t('tab.detail.timeline'),
        el(
          'ol',
          { class: 'timeline', id: 'timeline' },
          ...detail.timeline.map((entry) =>
            el(
              'li',
              { 'data-status': entry.status },
              el('time', { class: 'when', datetime: entry.at }, entry.dateLabel),
              el('span', {}, `${entry.text} `),
              el('span', { class: 'muted' }, entry.by),
              entry.reason ? el('span', { class: 'reason' }, entry.reason) : null,
            ),
          ),
        ),
      ),
      ...section(
        t('tab.detail.selling'),
        el('p', {}, detail.selling.summary),
        el('p', { class: 'muted' }, detail.selling.segments),
        el(
          'ul',
          { class: 'offers', id: 'offers' },
          ...detail.selling.offers.map((offer) =>
            el(
              'li',
              { class: offer.allowed ? 'yes' : 'no' },
              offer.name,
              offer.reason ? el('span', { class: 'muted' }, ` — ${offer.reason}`) : null,
            ),
          ),
        ),
      ),
      // The customer's shareable address (server/tab/tabLinks.ts): it opens this detail, and
      // unfurls into the status card where it is pasted.
      el(
        'p',
        {},
        el(
          'a',
          {
            id: 'share-link',
            href: `${window.location.origin}/customers/${encodeURIComponent(detail.row.id)}`,
            target: '_blank',
            rel: 'noopener',
          },
          t('tab.detail.share'),
        ),
      ),
      ...section(
        t('tab.detail.resubmit'),
        el('p', {}, detail.resubmit.note),
        ...this.resubmitAction(detail),
      ),
    );
    panel.hidden = false;
    byId('main').querySelector('.workspace')?.classList.add('with-detail');
  }

  /** A deep link into the bot's chat in Teams; in development, the command to type. */
  private resubmitAction(detail: CustomerDetail): HTMLElement[] {
    if (!detail.resubmit.available) return [];
    const { chatUrl, command } = detail.resubmit;
    if (chatUrl) {
      const link = el(
        'a',
        { class: 'primary', href: chatUrl, target: '_blank', rel: 'noopener', id: 'open-chat' },
        this.t('tab.openChat'),
      );
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.host.openLink(chatUrl);
      });
      return [link];
    }
    const [before = '', after = ''] = this.t('tab.typeInChat').split('{command}');
    return [el('p', { id: 'chat-command' }, before, el('code', {}, command), after)];
  }
}
