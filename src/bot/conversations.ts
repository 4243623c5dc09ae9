import { z } from 'zod';
import type { CustomerRecord } from '../domain/customer.js';
import { conversationKey, type ConversationRecord } from '../storage/records/conversation.js';
import type { DocumentStore } from '../storage/ports/documentStore.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { Reader } from '../i18n/localizer.js';

const MAX_DELIVERED_REMEMBERED = 200;

/** Whether a stored reference is the personal chat of this user (their Entra object id). */
const personalChatWith = (reference: Record<string, unknown>, userId: string): boolean => {
  const parsed = personalReference.safeParse(reference);
  if (!parsed.success) return false;
  const { user, conversation } = parsed.data;
  return conversation.conversationType === 'personal' && (user.aadObjectId ?? user.id) === userId;
};
const personalReference = z.object({
  user: z.object({ id: z.string(), aadObjectId: z.string().optional() }),
  conversation: z.object({ conversationType: z.string().optional() }),
});

/** Conversation references and follows, one document each (lowdb, or a Table row per conversation). */
export class ConversationDirectory {
  constructor(
    private readonly docs: DocumentStore<ConversationRecord>,
    private readonly now: Clock = systemClock,
    /** Emulator mode: anyone on this machine can invent conversations, so a tenant keeps at most this many. */
    private readonly maxPerTenant?: number,
  ) {}

  get(key: string): Promise<ConversationRecord | undefined> {
    return this.docs.get(key);
  }

  /**
   * Stores the reference when it is new, moved, or was inactive; otherwise writes nothing.
   * Undefined: a new conversation over the tenant's limit, not stored (it is answered, not notified).
   */
  async remember(
    tenantId: string,
    conversationId: string,
    reference: Record<string, unknown>,
    reader: Reader,
  ): Promise<ConversationRecord | undefined> {
    const key = conversationKey(tenantId, conversationId);
    if (
      this.maxPerTenant !== undefined &&
      !(await this.docs.get(key)) &&
      (await this.docs.list(tenantId)).length >= this.maxPerTenant
    )
      return undefined;
    const updatedAt = this.now().toISOString();
    const { locale, timeZone } = reader;
    const readerFields = { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
    const stored = await this.docs.update(key, (current) => {
      if (!current) {
        return {
          key,
          tenantId,
          reference,
          ...readerFields,
          active: true,
          followAll: false,
          follows: [],
          submittedCards: {},
          delivered: [],
          updatedAt,
        };
      }
      const moved =
        current.reference.serviceUrl !== reference.serviceUrl ||
        current.locale !== locale ||
        current.timeZone !== timeZone ||
        !current.active;
      if (!moved) return undefined;
      const { inactiveReason: _cleared, locale: _oldLocale, timeZone: _oldZone, ...rest } = current;
      return { ...rest, reference, ...readerFields, active: true, updatedAt };
    });
    return stored;
  }

  async forget(key: string): Promise<void> {
    await this.docs.delete(key);
  }

  private change(
    key: string,
    change: (current: ConversationRecord) => ConversationRecord | undefined,
  ): Promise<ConversationRecord | undefined> {
    return this.docs.update(key, (current) => (current ? change(current) : undefined));
  }

  follow(
    key: string,
    customerId: string,
    follow: boolean,
  ): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => {
      const follows = follow
        ? [...new Set([...c.follows, customerId])]
        : c.follows.filter((id) => id !== customerId);
      return { ...c, follows, updatedAt: this.now().toISOString() };
    });
  }

  /** The conversation that imported customers follows every one it created, in one write. */
  followEach(key: string, customerIds: readonly string[]): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => {
      const follows = [...new Set([...c.follows, ...customerIds])];
      return follows.length === c.follows.length
        ? undefined
        : { ...c, follows, updatedAt: this.now().toISOString() };
    });
  }

  setFollowAll(key: string, followAll: boolean): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) =>
      c.followAll === followAll
        ? undefined
        : { ...c, followAll, updatedAt: this.now().toISOString() },
    );
  }

  /** The conversation that submitted a customer follows it, and its card is updated on decisions. */
  recordSubmission(
    key: string,
    customerId: string,
    cardActivityId: string | undefined,
  ): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({
      ...c,
      follows: [...new Set([...c.follows, customerId])],
      submittedCards: cardActivityId
        ? { ...c.submittedCards, [customerId]: cardActivityId }
        : c.submittedCards,
      updatedAt: this.now().toISOString(),
    }));
  }

  markInactive(key: string, reason: string): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({
      ...c,
      active: false,
      inactiveReason: reason,
      updatedAt: this.now().toISOString(),
    }));
  }

  markDelivered(key: string, notificationId: string): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({
      ...c,
      delivered: [...c.delivered, notificationId].slice(-MAX_DELIVERED_REMEMBERED),
    }));
  }

  /** Active conversations of the customer's partner that want to hear about it. */
  async audience(customer: CustomerRecord): Promise<ConversationRecord[]> {
    const partners = await this.docs.list(customer.partnerTenantId);
    return partners.filter((c) => c.active && (c.follows.includes(customer.id) || c.followAll));
  }

  /** The key of a user's active personal chat with the bot, if they have one. */
  async personalChatOf(tenantId: string, userId: string): Promise<string | undefined> {
    const chats = await this.docs.list(tenantId);
    return chats.find((c) => c.active && personalChatWith(c.reference, userId))?.key;
  }

  all(): Promise<ConversationRecord[]> {
    return this.docs.list();
  }
}
