import { z } from 'zod';
import type { CustomerRecord } from '../../domain/customer.js';
import type { DocumentStore } from '../../service/lowdb/documentCollection.js';
import { systemClock, type Clock } from '../../domain/clock.js';
import type { Reader } from '../../i18n/localizer.js';

/** A conversation the bot can write to later, and what it wants to hear about. */
export const conversationRecordSchema = z.object({
  /** tenant id | conversation id */
  key: z.string().min(1),
  tenantId: z.string().min(1),
  /** The Bot Framework conversation reference, as the channel gave it. */
  reference: z.record(z.string(), z.unknown()),
  locale: z.string().optional(),
  /** The reader's IANA time zone, as the channel last sent it. */
  timeZone: z.string().optional(),
  active: z.boolean(),
  inactiveReason: z.string().optional(),
  /** Every decision for the partner's customers (a team channel), or only followed customers. */
  followAll: z.boolean(),
  follows: z.array(z.string()),
  /** customer id → the "Submitted – In review" card to update when the decision comes. */
  submittedCards: z.record(z.string(), z.string()),
  /** The latest notification ids delivered here: a replayed event is not shown twice. */
  delivered: z.array(z.string()),
  updatedAt: z.string(),
});
export type ConversationRecord = z.infer<typeof conversationRecordSchema>;

const MAX_DELIVERED_REMEMBERED = 200;

export function conversationKey(tenantId: string, conversationId: string): string {
  return `${tenantId}|${conversationId}`;
}

/** The partition of a conversation's key: its partner tenant. */
export const conversationPartition = (key: string): string => key.slice(0, Math.max(0, key.indexOf('|')));

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
  async remember(tenantId: string, conversationId: string, reference: Record<string, unknown>, reader: Reader): Promise<ConversationRecord | undefined> {
    const key = conversationKey(tenantId, conversationId);
    if (this.maxPerTenant !== undefined && !(await this.docs.get(key)) && (await this.docs.list(tenantId)).length >= this.maxPerTenant) return undefined;
    const updatedAt = this.now().toISOString();
    const { locale, timeZone } = reader;
    const readerFields = { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
    const stored = await this.docs.update(key, (current) => {
      if (!current) {
        return { key, tenantId, reference, ...readerFields, active: true, followAll: false, follows: [], submittedCards: {}, delivered: [], updatedAt };
      }
      const moved = current.reference.serviceUrl !== reference.serviceUrl || current.locale !== locale || current.timeZone !== timeZone || !current.active;
      if (!moved) return undefined;
      const { inactiveReason: _cleared, locale: _oldLocale, timeZone: _oldZone, ...rest } = current;
      return { ...rest, reference, ...readerFields, active: true, updatedAt };
    });
    return stored;
  }

  async forget(key: string): Promise<void> {
    await this.docs.delete(key);
  }

  private change(key: string, change: (current: ConversationRecord) => ConversationRecord | undefined): Promise<ConversationRecord | undefined> {
    return this.docs.update(key, (current) => (current ? change(current) : undefined));
  }

  follow(key: string, customerId: string, follow: boolean): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => {
      const follows = follow ? [...new Set([...c.follows, customerId])] : c.follows.filter((id) => id !== customerId);
      return { ...c, follows, updatedAt: this.now().toISOString() };
    });
  }

  setFollowAll(key: string, followAll: boolean): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => (c.followAll === followAll ? undefined : { ...c, followAll, updatedAt: this.now().toISOString() }));
  }

  /** The conversation that submitted a customer follows it, and its card is updated on decisions. */
  recordSubmission(key: string, customerId: string, cardActivityId: string | undefined): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({
      ...c,
      follows: [...new Set([...c.follows, customerId])],
      submittedCards: cardActivityId ? { ...c.submittedCards, [customerId]: cardActivityId } : c.submittedCards,
      updatedAt: this.now().toISOString(),
    }));
  }

  markInactive(key: string, reason: string): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({ ...c, active: false, inactiveReason: reason, updatedAt: this.now().toISOString() }));
  }

  markDelivered(key: string, notificationId: string): Promise<ConversationRecord | undefined> {
    return this.change(key, (c) => ({ ...c, delivered: [...c.delivered, notificationId].slice(-MAX_DELIVERED_REMEMBERED) }));
  }

  /** Active conversations of the customer's partner that want to hear about it. */
  async audience(customer: CustomerRecord): Promise<ConversationRecord[]> {
    const partners = await this.docs.list(customer.partnerTenantId);
    return partners.filter((c) => c.active && (c.follows.includes(customer.id) || c.followAll));
  }

  all(): Promise<ConversationRecord[]> {
    return this.docs.list();
  }
}
