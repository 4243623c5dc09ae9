import type { PartnerRole, PartnerType, PartnerUser } from '../src/domain/roles.js';

/**
 * What the benchmarks create and act as: a valid US school per number, a Global admin of one
 * partner, the operator who decides; and the percentile they report.
 */

/** `tenantId`: the partner; a bot process in emulator mode serves the activities' tenant. */
export function benchAdmin(
  tenantId = 'bench-tenant',
  partnerType: PartnerType = 'DirectBill',
): PartnerUser {
  const role: PartnerRole = 'GlobalAdmin';
  return { id: 'bench', name: 'Bench', tenantId, role, partnerType };
}

export const BENCH_OPERATOR = { kind: 'operator' as const, id: 'bench', name: 'Bench' };

export function schoolForm(i: number) {
  return {
    companyName: `Contoso School District ${i}`,
    educationSegment: i % 2 ? 'K12' : 'HigherEducation',
    website: `https://www.contoso${i}.edu`,
    email: `registrar@contoso${i}.edu`,
    domain: `contoso${i}`,
    country: 'US',
    addressLine1: `${i} Main Street`,
    city: 'Redmond',
    state: 'WA',
    postalCode: '98052',
    firstName: 'Ann',
    lastName: 'Lee',
    mcaSignerName: 'Ann Lee',
    mcaSignerEmail: `ann@contoso${i}.edu`,
    mcaDateAgreed: '2026-11-01',
  };
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
