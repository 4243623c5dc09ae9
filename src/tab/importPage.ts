import { ApiError, type TabApi } from './api.js';
import type {
  CurrentImport,
  ImportEventData,
  ImportProblem,
  ImportView,
  LabelledValue,
} from './contract.js';
import { byId, el, elementById } from './dom.js';
import type { Text } from './text.js';

/**
 * The Import page: pick or drop a file, see every problem of every row, download the report,
 * fix and choose the file again, confirm, and watch the job run. The server reads and checks
 * the file (the chat's import engine); this page only shows what it answers.
 */

/** While a job runs and no live event comes (another instance runs it), ask this often. */
const POLL_MS = 5_000;

const ended = (state: ImportView['state']) => state === 'finished' || state === 'cancelled';

export class ImportPage {
  private shown: ImportView | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private busy = false;

  constructor(
    private readonly api: TabApi,
    private readonly t: Text,
    private readonly announce: (message: string) => void,
  ) {}

  mount(templateLinks: { xlsx: string; csv: string }): void {
    const { t } = this;
    byId('import-title').textContent = t('tab.import.title');
    byId('import-intro').textContent = t('tab.import.intro');
    const xlsx = elementById('template-xlsx', HTMLAnchorElement);
    xlsx.textContent = t('tab.import.templateXlsx');
    xlsx.href = templateLinks.xlsx;
    const csv = elementById('template-csv', HTMLAnchorElement);
    csv.textContent = t('tab.import.templateCsv');
    csv.href = templateLinks.csv;
    byId('import-file-label').textContent = t('tab.import.choose');
    byId('drop-hint').textContent = t('tab.import.drop');
    byId('confirm-title').textContent = t('tab.import.confirmTitle');
    byId('confirm-text').textContent = t('tab.import.confirmText');
    byId('confirm-back').textContent = t('tab.import.back');

    const input = elementById('import-file', HTMLInputElement);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.check(file).finally(() => (input.value = ''));
    });
    const zone = byId('drop-zone');
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      const file = event.dataTransfer?.files[0];
      if (file) void this.check(file);
    });
    const dialog = elementById('import-confirm', HTMLDialogElement);
    byId('confirm-back').addEventListener('click', () => dialog.close());
    byId('confirm-start').addEventListener('click', () => {
      dialog.close();
      void this.act('start');
    });
  }

  /** Shows a job the address names, else the partner's running import or the user's last one. */
  async open(jobId?: string): Promise<void> {
    this.clearError();
    try {
      const view = jobId
        ? await this.api.get<ImportView>(`/api/tab/imports/${encodeURIComponent(jobId)}`)
        : (await this.api.get<CurrentImport>('/api/tab/imports/current')).import;
      this.render(view);
    } catch (error) {
      this.showError(error);
    }
  }

  /** A live event: moves the progress; at the end, the whole view (failures, report). */
  heard(event: ImportEventData): void {
    if (!this.shown || event.jobId !== this.shown.jobId) return;
    if (ended(event.state)) {
      void this.refresh();
      return;
    }
    this.shown = { ...this.shown, state: event.state, done: event.done, facts: event.facts };
    this.renderFacts(event.facts);
    this.renderProgress(event.done, event.ready, event.progressText);
  }

  private async refresh(): Promise<void> {
    if (!this.shown) return;
    const before = this.shown.state;
    try {
      const view = await this.api.get<ImportView>(`/api/tab/imports/${this.shown.jobId}`);
      this.render(view);
      if (!ended(before) && ended(view.state)) this.announce(view.title);
    } catch (error) {
      this.showError(error);
    }
  }

  private async check(file: File): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.clearError();
    const status = byId('import-status');
    status.textContent = this.t('tab.import.reading', { file: file.name });
    try {
      // A file checked and not started is replaced by the new one.
      if (this.shown?.state === 'previewed')
        await this.api.post(`/api/tab/imports/${this.shown.jobId}/cancel`).catch(() => {});
      const view = await this.api.upload<ImportView>('/api/tab/imports', file);
      status.textContent = '';
      this.render(view);
      byId('import-job-title').focus();
    } catch (error) {
      status.textContent = '';
      this.render(undefined);
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  private async act(action: 'start' | 'cancel'): Promise<void> {
    if (!this.shown) return;
    this.clearError();
    try {
      const view = await this.api.post<ImportView>(
        `/api/tab/imports/${this.shown.jobId}/${action}`,
      );
      this.render(view);
      if (action === 'start') this.announce(this.t('tab.import.started'));
      else this.announce(view.title);
      byId('import-job-title').focus();
    } catch (error) {
      this.showError(error);
    }
  }

  private render(view: ImportView | undefined): void {
    this.shown = view;
    clearInterval(this.poll);
    this.poll = undefined;
    const container = byId('import-job');
    if (!view) {
      container.replaceChildren();
      return;
    }
    const { t } = this;
    const parts: (HTMLElement | null)[] = [
      el('h3', { id: 'import-job-title', tabindex: -1 }, view.title),
      el('dl', { id: 'import-facts', class: 'facts' }),
      view.state === 'previewed' ? null : this.progressBlock(),
      el('ul', { class: 'notes' }, ...view.notes.map((note) => el('li', {}, note))),
      this.actions(view),
      view.problems.length > 0 || view.failures.length > 0
        ? el('p', { class: 'muted' }, t('tab.import.reportHint'))
        : null,
      view.state === 'previewed' && view.problems.length === 0
        ? el('p', {}, t('tab.import.allReady'))
        : null,
      this.problemTable('import-problems', t('tab.import.problems'), view.problems),
      this.problemTable('import-failures', t('tab.import.failures'), view.failures),
    ];
    container.replaceChildren(...parts.filter((part) => part !== null));
    this.renderFacts(view.facts);
    if (view.state !== 'previewed') this.renderProgress(view.done, view.ready, view.progressText);
    if (view.state === 'running') this.poll = setInterval(() => void this.refresh(), POLL_MS);
  }

  private renderFacts(facts: readonly LabelledValue[]): void {
    const list = document.getElementById('import-facts');
    list?.replaceChildren(
      ...facts.flatMap((fact) => [el('dt', {}, fact.label), el('dd', {}, fact.value)]),
    );
  }

  private progressBlock(): HTMLElement {
    return el(
      'div',
      { class: 'progress' },
      el('label', { for: 'import-progress' }, this.t('tab.import.progress')),
      el('progress', { id: 'import-progress', 'aria-describedby': 'import-progress-text' }),
      el('span', { id: 'import-progress-text' }),
    );
  }

  private renderProgress(done: number, total: number, text: string): void {
    const bar = document.getElementById('import-progress');
    if (bar instanceof HTMLProgressElement) {
      bar.max = Math.max(1, total);
      bar.value = done;
    }
    const label = document.getElementById('import-progress-text');
    if (label) label.textContent = text;
  }

  private actions(view: ImportView): HTMLElement {
    const { t } = this;
    const buttons: HTMLElement[] = [];
    if (view.startLabel) {
      const start = el('button', { id: 'import-start', class: 'primary', type: 'button' });
      start.textContent = view.startLabel;
      start.addEventListener('click', () => {
        byId('confirm-start').textContent = view.startLabel ?? '';
        elementById('import-confirm', HTMLDialogElement).showModal();
      });
      buttons.push(start);
    }
    if (view.mayCancel) {
      const cancel = el('button', { id: 'import-cancel', type: 'button' }, t('tab.import.cancel'));
      cancel.addEventListener('click', () => void this.act('cancel'));
      buttons.push(cancel);
    }
    if (view.problems.length > 0 || view.failures.length > 0) {
      const report = el('button', { id: 'import-report', type: 'button' }, t('tab.import.report'));
      report.addEventListener('click', () => {
        this.clearError();
        this.api
          .download(`/api/tab/imports/${view.jobId}/report`)
          .catch((error: unknown) => this.showError(error));
      });
      buttons.push(report);
    }
    return el('div', { class: 'actions' }, ...buttons);
  }

  private problemTable(id: string, caption: string, problems: readonly ImportProblem[]) {
    if (problems.length === 0) return null;
    const { t } = this;
    return el(
      'section',
      { 'aria-labelledby': `${id}-title` },
      el('h3', { id: `${id}-title` }, caption),
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          { id, 'aria-labelledby': `${id}-title` },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, t('tab.import.column.line')),
              el('th', { scope: 'col' }, t('tab.import.column.column')),
              el('th', { scope: 'col' }, t('tab.import.column.problem')),
            ),
          ),
          el(
            'tbody',
            {},
            ...problems.map((problem) =>
              el(
                'tr',
                {},
                el('td', {}, t.number(problem.line)),
                el('td', {}, problem.column || t('tab.import.wholeRow')),
                el('td', {}, problem.message),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private showError(error: unknown): void {
    const box = byId('import-error');
    const message = error instanceof ApiError ? error.message : this.t('tab.error.network');
    const details = error instanceof ApiError ? error.details : [];
    box.replaceChildren(el('p', {}, message));
    if (details.length > 0) box.append(el('ul', {}, ...details.map((d) => el('li', {}, d))));
    box.hidden = false;
  }

  private clearError(): void {
    byId('import-error').hidden = true;
  }
}
