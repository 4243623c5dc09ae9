/** What the benchmarks create: a valid US school per number, and the percentile they report. */

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
