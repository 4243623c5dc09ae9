import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../src/domain/clock.js';
import type { Card, ConnectorStub, SentActivity } from './connectorStub.js';

export interface ChatOptions {
  locale?: string;
  /** The IANA time zone the client reports (`localTimezone`), as Teams does. */
  timeZone?: string;
  user?: ChatUser;
  tenantId?: string;
  channelId?: string;
  /** personal (the default), groupChat or channel. */
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** The same conversation reached through another bot instance. */
  conversationId?: string;
  /** Stamps the activities' timestamps: the bot's own clock in a harness. */
  clock?: Clock;
}

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
  readonly conversationId: string;

  constructor(
    private readonly botUrl: () => string,
    private readonly connector: ConnectorStub,
    private readonly options: ChatOptions = {},
  ) {
    this.conversationId = options.conversationId ?? `conv-${randomUUID()}`;
  }

  get user(): ChatUser {
    return this.options.user ?? { id: 'user-1', name: 'Ann Lee', aadObjectId: 'aad-ann' };
  }

  private activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      channelId: this.options.channelId ?? 'msteams',
      serviceUrl: this.connector.url,
      timestamp: (this.options.clock ?? systemClock)().toISOString(),
      locale: this.options.locale ?? 'en-US',
      ...(this.options.timeZone ? { localTimezone: this.options.timeZone } : {}),
      from: this.user,
      recipient: { id: 'bot-1', name: 'Education onboarding' },
      conversation: {
        id: this.conversationId,
        conversationType: this.options.conversationType ?? 'personal',
        tenantId: this.options.tenantId ?? 'tenant-1',
      },
      channelData: { tenant: { id: this.options.tenantId ?? 'tenant-1' } },
      ...extra,
    };
  }

  /** Posts an activity; returns the HTTP status and what the bot sent during the turn. */
  async post(
    extra: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; replies: SentActivity[]; body: unknown }> {
    const activity = this.activity(extra);
    this.connector.toBot.add(activity.id as string);
    const response = await fetch(`${this.botUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    const replies = this.connector.sent.filter(
      (a) => a.inReplyTo === activity.id && a.type !== 'typing',
    );
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, replies, body };
  }

  async say(text: string): Promise<SentActivity[]> {
    const { status, replies } = await this.post({ type: 'message', text });
    if (status !== 200) throw new Error(`the bot answered ${status}`);
    return replies;
  }

  /** Clicks a card button (Action.Submit): the button's data merged with the card's inputs. */
  async click(
    cardActivityId: string,
    buttonTitle: string,
    inputs: Record<string, string> = {},
  ): Promise<SentActivity[]> {
    const card = this.card(cardActivityId);
    const action = findAction(card, buttonTitle);
    if (!action)
      throw new Error(`No button "${buttonTitle}" on the card: ${buttonTitles(card).join(', ')}`);
    const data = { ...inputs, ...(action.data as object) };
    if (action.type === 'Action.Execute')
      return this.execute(cardActivityId, action.verb ?? '', data);
    return this.submit(cardActivityId, data);
  }

  /**
   * An Action.Execute, as Teams sends it: an invoke whose answer replaces the card for this user
   * only (others keep what the message shows, until the bot updates it for everyone).
   */
  async execute(
    cardActivityId: string,
    verb: string,
    data: object,
    trigger: 'manual' | 'automatic' = 'manual',
  ): Promise<SentActivity[]> {
    const { status, replies, body } = await this.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger },
      replyToId: cardActivityId,
    });
    if (status !== 200) throw new Error(`the bot answered ${status}: ${JSON.stringify(body)}`);
    this.lastInvokeAnswer = body as { type?: string; value?: unknown };
    if (this.lastInvokeAnswer.type === 'application/vnd.microsoft.card.adaptive') {
      this.views.set(cardActivityId, {
        card: this.lastInvokeAnswer.value as Card,
        updates: this.updatesOf(cardActivityId),
      });
    }
    return replies;
  }

  /** What Teams does when this user sees a card with `refresh` (for them): the automatic invoke. */
  async refresh(cardActivityId: string): Promise<boolean> {
    const refresh = (
      this.card(cardActivityId) as {
        refresh?: { action: { verb: string; data: object }; userIds?: string[] };
      }
    ).refresh;
    if (!refresh || (refresh.userIds && !refresh.userIds.includes(this.user.id))) return false;
    await this.execute(cardActivityId, refresh.action.verb, refresh.action.data, 'automatic');
    return true;
  }

  /** The body of the last invoke's answer: a card, or a message. */
  lastInvokeAnswer: { type?: string; value?: unknown } | undefined;
  /** This user's own view of cards (an invoke's answer), as long as nobody updated the message since. */
  private readonly views = new Map<string, { card: Card; updates: number }>();
  private updatesOf(activityId: string): number {
    return this.connector.updates.filter((u) => u.id === activityId).length;
  }

  async submit(replyToId: string, value: unknown): Promise<SentActivity[]> {
    const { status, replies } = await this.post({ type: 'message', value, replyToId });
    if (status !== 200) throw new Error(`the bot answered ${status}`);
    return replies;
  }

  /** The latest version of a card the bot sent (after in-place updates). */
  card(activityId: string): Card {
    const view = this.views.get(activityId);
    if (view && view.updates === this.updatesOf(activityId)) return view.card;
    const activity = this.connector.latest.get(activityId);
    const card = activity?.attachments?.[0]?.content;
    if (!card) throw new Error(`Activity ${activityId} has no card`);
    return card;
  }
}

type CardNode = Record<string, unknown>;

/** Visits every object in a card, depth first; `visit` returns false to skip an object's children. */
function visit(node: unknown, fn: (n: CardNode, key?: string) => unknown, key?: string): void {
  if (Array.isArray(node)) node.forEach((item) => visit(item, fn, key));
  else if (node && typeof node === 'object') {
    if (fn(node as CardNode, key) === false) return;
    for (const [k, v] of Object.entries(node)) visit(v, fn, k);
  }
}

const isSubmit = (
  n: CardNode,
): n is CardNode & { title: string; data: unknown; type: string; verb?: string } =>
  (n.type === 'Action.Submit' || n.type === 'Action.Execute') && typeof n.title === 'string';

export function findAction(
  card: unknown,
  title: string,
): { title: string; data: unknown; type: string; verb?: string } | undefined {
  let found: { title: string; data: unknown; type: string; verb?: string } | undefined;
  visit(card, (n) => {
    if (!found && isSubmit(n) && n.title === title) found = n;
    return undefined;
  });
  return found;
}

export function buttonTitles(card: unknown): string[] {
  const titles: string[] = [];
  visit(card, (n) => {
    if (isSubmit(n)) titles.push(n.title);
    return undefined;
  });
  return titles;
}

/** Every text a person would read on a card: TextBlocks, facts, labels (not the choice lists). */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  visit(card, (n, key) => {
    if (key === 'choices') return false;
    if (n.type === 'TextBlock' && typeof n.text === 'string') parts.push(n.text);
    if (typeof n.label === 'string') parts.push(n.label);
    if (typeof n.title === 'string' && typeof n.value === 'string' && !n.type)
      parts.push(`${n.title}: ${n.value}`);
    return true;
  });
  return parts.join('\n');
}

/** The inputs of a card: id → value. */
export function cardInputs(card: unknown): Record<string, string> {
  const inputs: Record<string, string> = {};
  visit(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
      inputs[n.id] = typeof n.value === 'string' ? n.value : '';
  });
  return inputs;
}

/** The server's error shown under an input: the Attention TextBlock in the input's container. */
export function fieldError(card: unknown, inputId: string): string | undefined {
  let error: string | undefined;
  visit(card, (n) => {
    if (n.type !== 'Container' || !Array.isArray(n.items)) return true;
    const items = n.items as CardNode[];
    if (!items.some((i) => i.id === inputId)) return true;
    error = items.find((i) => i.type === 'TextBlock' && i.color === 'Attention')?.text as
      string | undefined;
    return false;
  });
  return error || undefined;
}
