import type { ImportEventData, StatusEventData, TabError, TabStrings } from './contract.js';
import type { Host } from './host.js';

/** The tab's calls to its server: the SSO token on every request, errors as readable messages. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The query parameter at fault, when the server names one. */
    readonly field?: string,
    /** Each problem, when the server lists them (a file's columns). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

type Params = Record<string, string | number | undefined>;

export interface EventHandlers {
  onEvent(data: StatusEventData): void;
  onImport(data: ImportEventData): void;
  /** true once the stream is open; false while it reconnects. */
  onConnection(open: boolean): void;
}

export class TabApi {
  constructor(
    private readonly host: Host,
    private readonly locale: string,
    /** Shown when the server cannot be reached, or Teams gives no token. */
    private readonly messages: { network: string; signIn: string },
  ) {}

  static async strings(locale: string): Promise<TabStrings> {
    const response = await fetch(`/api/tab/strings?${new URLSearchParams({ locale })}`);
    if (!response.ok) throw new Error(`strings: HTTP ${response.status}`);
    return (await response.json()) as TabStrings;
  }

  private url(path: string, params: Params): string {
    // Dates are shown in the reader's own time zone.
    const query = new URLSearchParams({
      locale: this.locale,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    if (this.host.developmentTenant) query.set('tenant', this.host.developmentTenant);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined && value !== '') query.set(name, String(value));
    return `${path}?${query}`;
  }

  private async headers(): Promise<Record<string, string>> {
    let token: string | undefined;
    try {
      token = await this.host.token();
    } catch {
      throw new ApiError(401, this.messages.signIn);
    }
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private async request(path: string, params: Params, init: RequestInit = {}): Promise<Response> {
    const headers = { ...(await this.headers()), ...(init.headers as Record<string, string>) };
    let response: Response;
    try {
      response = await fetch(this.url(path, params), { ...init, headers });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, this.messages.network);
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => undefined)) as TabError | undefined;
    throw new ApiError(
      response.status,
      body?.error.message ?? this.messages.network,
      body?.error.field,
      body?.error.details,
    );
  }

  async get<T>(path: string, params: Params = {}): Promise<T> {
    return (await (await this.request(path, params)).json()) as T;
  }

  /** An action: an empty JSON object as the body (never sent cross-site without asking). */
  async post<T>(path: string): Promise<T> {
    const init = { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } };
    return (await (await this.request(path, {}, init)).json()) as T;
  }

  /** A file as the body itself, its name in the query. */
  async upload<T>(path: string, file: File): Promise<T> {
    const init = {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': 'application/octet-stream' },
    };
    return (await (await this.request(path, { name: file.name }, init)).json()) as T;
  }

  /**
   * Saves what the server sends as a file: fetched with the token (a plain link cannot carry
   * it), then handed to the browser under the server's file name.
   */
  async download(path: string): Promise<void> {
    const response = await this.request(path, {});
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /**
   * Listens to /api/tab/events with fetch (EventSource cannot send the token) and reconnects:
   * at once when the server ends the stream (the token expired), with backoff after failures.
   */
  streamEvents(handlers: EventHandlers): { stop(): void } {
    const abort = new AbortController();
    // A call, not a property read: the stream may be closed while a request is awaited.
    const aborted = () => abort.signal.aborted;
    let failures = 0;
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const response = await this.request('/api/tab/events', {}, { signal: abort.signal });
          handlers.onConnection(true);
          failures = 0;
          await readServerSentEvents(response, (event, data) => {
            if (event === 'status') handlers.onEvent(JSON.parse(data) as StatusEventData);
            else if (event === 'import') handlers.onImport(JSON.parse(data) as ImportEventData);
          });
        } catch {
          if (aborted()) return;
          failures += 1;
        }
        if (aborted()) return;
        handlers.onConnection(false);
        await new Promise((resolve) =>
          setTimeout(resolve, failures === 0 ? 250 : Math.min(30_000, 1000 * 2 ** failures)),
        );
      }
    };
    void run();
    return { stop: () => abort.abort() };
  }
}

/** Splits a text/event-stream body into events; comments (keep-alives) and `retry:` lines are skipped. */
async function readServerSentEvents(
  response: Response,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
    }
  }
}
