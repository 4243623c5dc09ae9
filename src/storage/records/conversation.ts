import { z } from 'zod';

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

export function conversationKey(tenantId: string, conversationId: string): string {
  return `${tenantId}|${conversationId}`;
}

/** The partition of a conversation's key: its partner tenant. */
export const conversationPartition = (key: string): string =>
  key.slice(0, Math.max(0, key.indexOf('|')));
