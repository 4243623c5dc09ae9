import { z } from 'zod';
import { FIELDS, recordShape } from './fields.js';

export const VETTING_STATUSES = ['None', 'InReview', 'Approved', 'Denied'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

/** Verification may be requested at most three times; the first submission is the first. */
export const MAX_VERIFICATION_REQUESTS = 3;

/** Who made a change: a partner's user, the (simulated) Microsoft reviewer, or an operator. */
const actorRefSchema = z.object({
  kind: z.enum(['partnerUser', 'reviewer', 'operator']),
  id: z.string(),
  name: z.string(),
});
export type ActorRef = z.infer<typeof actorRefSchema>;

const isoDateTime = z.iso.datetime();

export const historyEntrySchema = z.object({
  at: isoDateTime,
  by: actorRefSchema,
  from: z.enum(VETTING_STATUSES),
  to: z.enum(VETTING_STATUSES),
  reason: z.string().optional(),
  /** Which verification request a move to InReview was (1, 2 or 3). */
  request: z.number().int().min(1).max(MAX_VERIFICATION_REQUESTS).optional(),
  /** For corrections (status unchanged): the fields that changed. */
  changedFields: z.array(z.string()).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const qualificationSchema = z.object({
  qualification: z.literal('Education'),
  ...recordShape('qualification'),
  // Unknown for a customer made outside the bot when Partner Center does not say (§4.2).
  educationSegment: FIELDS.educationSegment.stored.optional(),
  vettingStatus: z.enum(VETTING_STATUSES),
  vettingReason: z.string().optional(),
  vettingCreateDate: isoDateTime.optional(),
  verificationRequests: z.number().int().min(0).max(MAX_VERIFICATION_REQUESTS),
  history: z.array(historyEntrySchema),
});
export type Qualification = z.infer<typeof qualificationSchema>;

const addressSchema = z.object(recordShape('address'));

/**
 * A decision not yet handed to the notifier: stored in the same write as the decision, removed
 * once the notifier has queued its deliveries, so no decision's notification is ever lost.
 */
const pendingEventSchema = z.object({
  id: z.string().min(1),
  from: z.enum(VETTING_STATUSES),
  to: z.enum(VETTING_STATUSES),
  reason: z.string().optional(),
  at: isoDateTime,
  by: actorRefSchema,
});
export type PendingEvent = z.infer<typeof pendingEventSchema>;

/**
 * When Partner Center is next asked for a customer's qualification (api mode: it has no event for
 * decisions), and the interval that led there; kept with the customer, so a restart goes on.
 */
const pollScheduleSchema = z.object({
  nextReadAt: isoDateTime,
  intervalSeconds: z.number().int().positive(),
  lastReadAt: isoDateTime.optional(),
  /** A status this code does not know, as Partner Center spelled it at the last read (read as InReview). */
  unknownStatus: z.string().max(64).optional(),
});
export type PollSchedule = z.infer<typeof pollScheduleSchema>;

/**
 * A stored customer: the Partner Center customer, its Education qualification and the MCA. A
 * customer made outside the bot (`origin: 'partnerCenter'`, api mode) is kept as Partner Center
 * has it: the agreement's signer and the segment only when Partner Center tells them.
 */
export const customerRecordSchema = z.object({
  id: z.string().min(1),
  partnerTenantId: z.string().min(1),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  createdBy: actorRefSchema,
  // The form's fields, where fields.ts says they live (the domain is the full primary domain).
  companyProfile: z.object(recordShape('companyProfile')),
  billingProfile: z.object({ ...recordShape('billingProfile'), defaultAddress: addressSchema }),
  qualification: qualificationSchema,
  mcaAcceptance: z.object(recordShape('mcaAcceptance')).optional(),
  origin: z.literal('partnerCenter').optional(),
  pendingEvents: z.array(pendingEventSchema).optional(),
  pollSchedule: pollScheduleSchema.optional(),
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;
