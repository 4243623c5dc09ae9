/** Partner Center roles and partner types, spelled as in domain.md. */
export const PARTNER_ROLES = [
  'GlobalAdmin',
  'UserManagementAdmin',
  'AdminAgent',
  'SalesAgent',
] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_TYPES = ['DirectBill', 'IndirectProvider', 'IndirectReseller'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const CAPABILITIES = ['addCustomer', 'checkStatus', 'correctAndResubmit'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A person at a partner, as the bot knows them. An unmapped user has no role. */
export interface PartnerUser {
  id: string;
  name: string;
  /** The partner's own tenant: customers are only visible within it. */
  tenantId: string;
  role: PartnerRole | null;
  partnerType: PartnerType | null;
}

const ROLE_CAPABILITIES: Record<PartnerRole, ReadonlySet<Capability>> = {
  GlobalAdmin: new Set(['addCustomer', 'checkStatus', 'correctAndResubmit']),
  UserManagementAdmin: new Set(['addCustomer', 'checkStatus']),
  AdminAgent: new Set(['addCustomer', 'checkStatus']),
  SalesAgent: new Set(['addCustomer', 'checkStatus']),
};

export type AuthorizationRefusal =
  | { code: 'forbidden'; reason: 'noRole'; capability: Capability }
  | { code: 'forbidden'; reason: 'roleNotAllowed'; capability: Capability; role: PartnerRole }
  | { code: 'forbidden'; reason: 'indirectReseller'; capability: Capability };

/** The domain.md role table, plus the partner-type rule for adding customers. */
export function authorize(
  user: PartnerUser,
  capability: Capability,
): AuthorizationRefusal | undefined {
  if (!user.role) return { code: 'forbidden', reason: 'noRole', capability };
  if (!ROLE_CAPABILITIES[user.role].has(capability)) {
    return { code: 'forbidden', reason: 'roleNotAllowed', capability, role: user.role };
  }
  // An indirect reseller can only request a relationship with an existing customer.
  if (
    capability === 'addCustomer' &&
    user.partnerType !== 'DirectBill' &&
    user.partnerType !== 'IndirectProvider'
  ) {
    return { code: 'forbidden', reason: 'indirectReseller', capability };
  }
  return undefined;
}
