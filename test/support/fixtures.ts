import type { PartnerRole, PartnerType, PartnerUser } from '../../src/domain/roles.js';

const TENANT = 'partner-tenant-1';

export function partnerUser(
  role: PartnerRole | null = 'GlobalAdmin',
  partnerType: PartnerType | null = 'IndirectProvider',
  tenantId = TENANT,
): PartnerUser {
  return {
    id: `user-${role ?? 'none'}`,
    name: `${role ?? 'Unmapped'} User`,
    tenantId,
    role,
    partnerType,
  };
}

export const globalAdmin = partnerUser('GlobalAdmin');
export const salesAgent = partnerUser('SalesAgent');

/** A complete, valid form for a US K12 school that the simulated reviewer approves. */
export function customerForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    companyName: 'Contoso Elementary School',
    educationSegment: 'K12',
    website: 'https://www.contoso.edu',
    email: 'ann.lee@contoso.edu',
    domain: 'contosoelementary',
    country: 'US',
    addressLine1: '1 Microsoft Way',
    addressLine2: '',
    city: 'Redmond',
    state: 'WA',
    postalCode: '98052',
    organizationRegistrationNumber: '',
    phoneNumber: '+1 425 555 0100',
    firstName: 'Ann',
    lastName: 'Lee',
    mcaSignerName: 'Ann Lee',
    mcaSignerEmail: 'ann.lee@contoso.edu',
    mcaDateAgreed: '2026-11-01',
    ...overrides,
  };
}

export const NOW = new Date('2026-11-22T10:00:00Z');
