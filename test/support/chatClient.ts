import { randomUUID } from 'node:crypto';
import type { Card, ConnectorStub, SentActivity } from './connectorStub.js';

export interface ChatUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

/**
 * A conversation with the bot over its real HTTP endpoint, the way Teams or the Emulator talk to
 * it: activities POSTed to /api/messages, replies collected by the connector stub.
 */
export class ChatClient {
  readonly conversationId = `conv-${randomUUID()}`;

  constructor(
    private readonly botUrl: () => string,
    private readonly connector: ConnectorStub,
    private readonly options: { locale?: string; user?: ChatUser; tenantId?: string; channelId?: string } = {},
  ) {}

  get user(): ChatUser {
    return this.options.user ?? { id: 'user-1', name: 'Ann Lee', aadObjectId: 'aad-ann' };
  }

  private activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      channelId: this.options.channelId ?? 'msteams',
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale: this.options.locale ?? 'en-US',
      from: this.user,
      recipient: { id: 'bot-1', name: 'Education onboarding' },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.options.tenantId ?? 'tenant-1' },
      channelData: { tenant: { id: this.options.tenantId ?? 'tenant-1' } },
      ...extra,
    };
  }

  /** Posts an activity; returns the HTTP status and what the bot sent during the turn. */
  async post(extra: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; replies: SentActivity[] }> {
    const before = this.connector.sent.length;
    const response = await fetch(`${this.botUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(this.activity(extra)),
    });
    await response.arrayBuffer();
    const replies = this.connector.sent.slice(before).filter((a) => a.conversation?.id === undefined || a.conversation.id === this.conversationId);
    return { status: response.status, replies: replies.filter((a) => a.type !== 'typing') };
  }

  async say(text: string): Promise<SentActivity[]> {
    const { status, replies } = await this.post({ type: 'message', text });
    if (status !== 200) throw new Error(`the bot answered ${status}`);
    return replies;
  }

  /** Clicks a card button (Action.Submit): the button's data merged with the card's inputs. */
  async click(cardActivityId: string, buttonTitle: string, inputs: Record<string, string> = {}): Promise<SentActivity[]> {
    const card = this.card(cardActivityId);
    const action = findAction(card, buttonTitle);
    if (!action) throw new Error(`No button "${buttonTitle}" on the card: ${buttonTitles(card).join(', ')}`);
    return this.submit(cardActivityId, { ...inputs, ...(action.data as object) });
  }

  async submit(replyToId: string, value: unknown): Promise<SentActivity[]> {
    const { status, replies } = await this.post({ type: 'message', value, replyToId });
    if (status !== 200) throw new Error(`the bot answered ${status}`);
    return replies;
  }

  /** The latest version of a card the bot sent (after in-place updates). */
  card(activityId: string): Card {
    const activity = this.connector.latest.get(activityId);
    const card = activity?.attachments?.[0]?.content;
    if (!card) throw new Error(`Activity ${activityId} has no card`);
    return card;
  }
}

export function findAction(node: unknown, title: string): { title: string; data: unknown } | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAction(item, title);
      if (found) return found;
    }
    return undefined;
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit' && record.title === title) return record as { title: string; data: unknown };
    for (const value of Object.values(record)) {
      const found = findAction(value, title);
      if (found) return found;
    }
  }
  return undefined;
}

export function buttonTitles(node: unknown): string[] {
  const titles: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const r = n as Record<string, unknown>;
      if (r.type === 'Action.Submit' && typeof r.title === 'string') titles.push(r.title);
      Object.values(r).forEach(walk);
    }
  };
  walk(node);
  return titles;
}

/** Every text a person would read on a card: TextBlocks, facts, labels. */
export function cardText(node: unknown): string {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const r = n as Record<string, unknown>;
      if (r.type === 'TextBlock' && typeof r.text === 'string') parts.push(r.text);
      if (typeof r.label === 'string') parts.push(r.label);
      if (typeof r.title === 'string' && typeof r.value === 'string' && !r.type) parts.push(`${r.title}: ${r.value}`);
      for (const [key, value] of Object.entries(r)) if (key !== 'choices') walk(value);
    }
  };
  walk(node);
  return parts.join('\n');
}

/** The inputs of a card: id → value. */
export function cardInputs(node: unknown): Record<string, string> {
  const inputs: Record<string, string> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const r = n as Record<string, unknown>;
      if (typeof r.type === 'string' && r.type.startsWith('Input.') && typeof r.id === 'string') inputs[r.id] = typeof r.value === 'string' ? r.value : '';
      Object.values(r).forEach(walk);
    }
  };
  walk(node);
  return inputs;
}

/** The server's error shown under an input: the Attention TextBlock after it in its container. */
export function fieldError(card: unknown, inputId: string): string | undefined {
  let result: string | undefined;
  const walk = (n: unknown) => {
    if (result !== undefined) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const r = n as Record<string, unknown>;
      if (r.type === 'Container' && Array.isArray(r.items) && r.items.some((i) => (i as Record<string, unknown>).id === inputId)) {
        const error = (r.items as Record<string, unknown>[]).find((i) => i.type === 'TextBlock' && i.color === 'Attention');
        result = (error?.text as string | undefined) ?? '';
        return;
      }
      Object.values(r).forEach(walk);
    }
  };
  walk(card);
  return result || undefined;
}
