import type { Offer } from '../purchase.js';

/** A small catalogue, enough for the bot to name real offers when it explains what can be sold. */
export const OFFER_CATALOG = [
  { id: 'm365-a1', name: 'Microsoft 365 A1', segment: 'Education', kind: 'LicenseBased' },
  { id: 'm365-a3', name: 'Microsoft 365 A3', segment: 'Education', kind: 'LicenseBased' },
  { id: 'm365-a5', name: 'Microsoft 365 A5', segment: 'Education', kind: 'LicenseBased' },
  {
    id: 'd365-sales-edu',
    name: 'Dynamics 365 Sales Enterprise for Education',
    segment: 'Education',
    kind: 'LicenseBased',
  },
  { id: 'intune-edu', name: 'Intune for Education', segment: 'Education', kind: 'LicenseBased' },
  {
    id: 'office-ltsc-edu',
    name: 'Office LTSC Professional Plus 2024 (Education)',
    segment: 'Education',
    kind: 'PerpetualSoftware',
  },
  {
    id: 'm365-business-premium',
    name: 'Microsoft 365 Business Premium',
    segment: 'Commercial',
    kind: 'LicenseBased',
  },
  { id: 'm365-e3', name: 'Microsoft 365 E3', segment: 'Commercial', kind: 'LicenseBased' },
  {
    id: 'windows-server-sub',
    name: 'Windows Server 2025 Standard (1-year subscription)',
    segment: 'Commercial',
    kind: 'SoftwareSubscription',
  },
  { id: 'azure-plan', name: 'Azure plan', segment: 'Commercial', kind: 'Azure' },
  {
    id: 'm365-bb-nonprofit',
    name: 'Microsoft 365 Business Basic (Nonprofit)',
    segment: 'Nonprofit',
    kind: 'LicenseBased',
  },
  {
    id: 'm365-g3-gcc',
    name: 'Microsoft 365 G3 GCC',
    segment: 'GovernmentCommunityCloud',
    kind: 'LicenseBased',
  },
] as const satisfies readonly Offer[];
