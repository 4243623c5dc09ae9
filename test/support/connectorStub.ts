import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity as the bot sends it to the connector (only what tests read). */
export interface SentActivity {
  id: string;
  /** The activity this answers (from the URL); absent for proactive messages. */
  inReplyTo?: string;
  type: string;
  text?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: Card }[];
  conversation?: { id: string };
}
export type Card = { type: string; body: unknown[]; actions?: unknown[]; [key: string]: unknown };

/** What the stub answers to one call; 'hang' never answers. */
export type StubAnswer =
  { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';
export interface StubCall {
  method: string;
  conversationId: string;
  /** In the URL: the activity replied to (POST) or updated (PUT). */
  activityId?: string;
  activity: SentActivity;
  at: number;
}

/**
 * Stands in for the Bot Connector service at the activities' serviceUrl: records what the bot
 * sends (POST …/activities[/replyTo]) and updates in place (PUT …/activities/{id}).
 */
export class ConnectorStub {
  private server = http.createServer((req, res) => void this.handle(req, res));
  private counter = 0;
  /** Every activity the bot sent, in order, as first sent. */
  readonly sent: SentActivity[] = [];
  /** The latest version of each activity, after updates. */
  readonly latest = new Map<string, SentActivity>();
  readonly updates: SentActivity[] = [];
  /** Every call received, answered or not. */
  readonly calls: StubCall[] = [];
  /** Decides the answer to a call; undefined answers normally (200 with an id). */
  answer: (call: StubCall) => StubAnswer | undefined = () => undefined;

  /** Ids of the activities the clients sent to the bot: a POST naming one of them is a reply. */
  readonly toBot = new Set<string>();

  /** Proactive messages (not replies to what a user sent) to a conversation. */
  proactive(conversationId: string): SentActivity[] {
    return this.sent.filter(
      (a) =>
        a.type === 'message' &&
        a.conversation?.id === conversationId &&
        !(a.inReplyTo && this.toBot.has(a.inReplyTo)),
    );
  }

  /** Proactive sends received (answered or not), for rate and retry checks. */
  proactiveCalls(conversationId?: string): StubCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'POST' &&
        !(c.activityId && this.toBot.has(c.activityId)) &&
        (conversationId === undefined || c.conversationId === conversationId),
    );
  }
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  // restify patches http.ServerResponse process-wide (its writeHead returns nothing): no chaining.
  private reply(res: http.ServerResponse, status: number, body?: unknown): void {
    res.statusCode = status;
    if (body !== undefined) res.setHeader('content-type', 'application/json');
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const activity = (body ? JSON.parse(body) : {}) as SentActivity;
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
    if (!match) {
      this.reply(res, 404);
      return;
    }
    const call: StubCall = {
      method: req.method ?? '',
      conversationId: decodeURIComponent(match[1]!),
      ...(match[2] ? { activityId: decodeURIComponent(match[2]) } : {}),
      activity,
      at: Date.now(),
    };
    this.calls.push(call);
    const answer = this.answer(call);
    if (answer === 'hang') return;
    if (answer) {
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      this.reply(res, answer.status, answer.body);
      return;
    }
    if (req.method === 'PUT' && match[2]) {
      const id = decodeURIComponent(match[2]);
      const updated = { ...activity, id };
      this.latest.set(id, updated);
      this.updates.push(updated);
      this.reply(res, 200, { id });
      return;
    }
    const id = `activity-${++this.counter}`;
    const recorded = {
      ...activity,
      id,
      ...(match[2] ? { inReplyTo: decodeURIComponent(match[2]) } : {}),
    };
    this.sent.push(recorded);
    this.latest.set(id, recorded);
    this.reply(res, 200, { id });
  }
}
