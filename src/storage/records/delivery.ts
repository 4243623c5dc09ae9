import { z } from 'zod';
import { VETTING_STATUSES } from '../../domain/customer.js';

/**
 * One notification to one conversation, kept until it is delivered. Its key is the notification
 * id (event | conversation), so queuing the same event twice queues it once.
 */
export const deliverySchema = z.object({
  key: z.string().min(1),
  eventId: z.string().min(1),
  customerId: z.string().min(1),
  conversationKey: z.string().min(1),
  tenantId: z.string().min(1),
  to: z.enum(VETTING_STATUSES),
  reason: z.string().optional(),
  decidedAt: z.string(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string(),
  lastError: z.string().optional(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const notificationId = (eventId: string, conversationKey: string) =>
  `${eventId}|${conversationKey}`;
