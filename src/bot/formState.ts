import type { CustomerSection } from '../domain/fields.js';
import type { Issue } from '../domain/issues.js';

/**
 * The state of one add-customer or correct-and-resubmit form, kept in conversation state so a
 * restart in the middle resumes where the user was. Values are kept as typed.
 */
export interface FormFlowState {
  kind: 'add' | 'correct';
  /** Who started it (the channel's id and name): in a group chat, only they see it editable. */
  owner?: { id: string; name: string };
  /** The locale the form started in: it keeps it, whatever locale a later submit carries. */
  locale: string;
  /** Every card of this flow carries it: a card from another flow is stale. */
  flowId: string;
  step: CustomerSection | 'review' | 'confirm';
  draft: Record<string, string>;
  /** Editing a section from the review: Next goes back to the review. */
  returnToReview: boolean;
  /** Problems to show on the current step's card. */
  issues: Issue[];
  /** Set when the domain was just suggested from the name. */
  suggestedDomain?: string;
  /**
   * Set when the customer was stored but a later write of the submit (this chat's follow) failed:
   * the same card's button finishes the submit without storing the customer again.
   */
  submittedCustomerId?: string;
  /** The one card this flow shows, updated in place at every step. */
  cardActivityId?: string;
  /** Correction only: the customer, its name and fixed domain, and which request it would be. */
  customerId?: string;
  company?: string;
  domain?: string;
  request?: number;
  /** Correction only: the values as stored when the correction began, to show what changes. */
  original?: Record<string, string>;
}
