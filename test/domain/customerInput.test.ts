import assert from 'node:assert/strict';
import { validateNewCustomer, validateSections } from '../../src/domain/customerInput.js';
import type { Issue } from '../../src/domain/issues.js';
import { REGISTRATION_REQUIRED_COUNTRIES } from '../../src/domain/reference/countries.js';
import { localizer } from '../../src/i18n/localizer.js';

// Issues carry codes; their English words come from the one catalogue.
const english = localizer('en');
import { customerForm, NOW } from '../support/fixtures.js';

const validate = (overrides: Record<string, unknown>) =>
  validateNewCustomer(customerForm(overrides), { now: NOW });
const codesOn = (issues: Issue[], field: string) =>
  issues.filter((i) => i.field === field).map((i) => i.code);

describe('new customer validation (domain.md rules)', () => {
  it('accepts a complete, valid form and normalises what partners type loosely', () => {
    const report = validate({
      domain: 'ContosoElementary.onmicrosoft.com',
      website: 'contoso.edu',
      country: 'us',
      email: 'Ann.Lee@CONTOSO.EDU',
    });
    assert.deepEqual(report.issues, []);
    assert.equal(report.value?.domain, 'contosoelementary');
    assert.equal(report.value?.website, 'https://contoso.edu');
    assert.equal(report.value?.country, 'US');
    assert.equal(report.value?.email, 'Ann.Lee@contoso.edu');
    assert.equal(report.value?.addressLine2, undefined, 'a blank optional field is left out');
  });

  const refused: [field: string, value: unknown, code: string][] = [
    ['companyName', 'A', 'tooShort'],
    ['companyName', 'Contoso Academy '.repeat(16) + 'of Arts', 'tooLong'],
    ['companyName', '!!! --- ***', 'onlySpecialCharacters'],
    ['companyName', 'LLC', 'legalSuffixOnly'],
    ['companyName', 'Inc.', 'legalSuffixOnly'],
    ['companyName', 'B.V.', 'legalSuffixOnly'],
    ['companyName', '999', 'repeatedCharacter'],
    ['companyName', 'aaaa', 'repeatedCharacter'],
    ['companyName', 'Test School', 'testName'],
    ['companyName', 'Demo Academy', 'testName'],
    ['companyName', 'Sample University', 'testName'],
    ['companyName', '', 'required'],
    ['educationSegment', 'Primary', 'invalidChoice'],
    ['educationSegment', undefined, 'required'],
    ['website', 'not a website', 'invalidUrl'],
    ['website', 'ftp://files.contoso.edu', 'invalidUrl'],
    ['email', 'ann.lee', 'invalidEmail'],
    ['email', 'ann@gmail.com', 'freeEmailProvider'],
    ['email', 'ann@Outlook.com', 'freeEmailProvider'],
    ['email', 'ann@mail.yahoo.com', 'freeEmailProvider'],
    ['email', 'admin@contoso.onmicrosoft.com', 'onMicrosoftEmail'],
    ['email', 'someone@microsoft.com', 'microsoftEmail'],
    ['domain', 'contoso school', 'invalidDomainCharacters'],
    ['domain', 'contoso-school', 'invalidDomainCharacters'],
    ['domain', 'écolesaint', 'invalidDomainCharacters'],
    ['domain', 'a'.repeat(28), 'tooLong'],
    ['domain', '', 'required'],
    ['country', 'XX', 'unknownCountry'],
    ['country', 'USA', 'unknownCountry'],
    ['addressLine1', '', 'required'],
    ['addressLine1', 'x'.repeat(201), 'tooLong'],
    ['addressLine2', 'x'.repeat(201), 'tooLong'],
    ['city', '   ', 'required'],
    ['postalCode', '98052!', 'invalidFormat'],
    ['phoneNumber', 'call me', 'invalidPhone'],
    ['phoneNumber', '12345', 'invalidPhone'],
    ['organizationRegistrationNumber', '#', 'invalidRegistrationNumber'],
    ['firstName', '', 'required'],
    ['firstName', 'x'.repeat(41), 'tooLong'],
    ['firstName', '1234', 'noLetters'],
    ['firstName', 'Test', 'placeholderName'],
    ['lastName', 'Admin', 'placeholderName'],
    ['lastName', 'nobody', 'placeholderName'],
    ['lastName', '--', 'noLetters'],
    ['mcaSignerName', '', 'required'],
    ['mcaSignerEmail', 'ann.lee@', 'invalidEmail'],
    ['mcaDateAgreed', '01/11/2026', 'invalidDate'],
    ['mcaDateAgreed', '2026-02-30', 'invalidDate'],
    // NOW is 2026-11-22T10:00Z: already the 23rd on the Line Islands (UTC+14), nowhere the 24th.
    ['mcaDateAgreed', '2026-11-24', 'futureDate'],
  ];
  for (const [field, value, code] of refused) {
    it(`refuses ${field} = ${JSON.stringify(value)?.slice(0, 30)} with ${code}`, () => {
      const report = validate({ [field]: value });
      assert.deepEqual(codesOn(report.issues, field), [code], JSON.stringify(report.issues));
      assert.equal(report.value, undefined);
    });
  }

  const accepted: [field: string, value: string][] = [
    ['companyName', 'École Saint-Exupéry'],
    ['companyName', 'Contest Academy'],
    ['companyName', 'Lycée 123'],
    ['companyName', 'Contoso Academy '.repeat(16).slice(0, 255)],
    ['domain', 'a'.repeat(27)],
    ['domain', 'School2024'],
    ['firstName', 'Åsa'],
    ['lastName', "O'Brien-Smith"],
    ['email', 'registrar@ox.ac.uk'],
    ['website', 'http://www.school.example.edu/about'],
    ['phoneNumber', '+48 (22) 123-45-67'],
  ];
  for (const [field, value] of accepted) {
    it(`accepts ${field} = ${JSON.stringify(value).slice(0, 30)}`, () => {
      assert.deepEqual(validate({ [field]: value }).issues, []);
    });
  }

  it('takes "today" as the partner typed it, wherever they are: the date already begun east of UTC', () => {
    const at = (iso: string, agreed: string) =>
      codesOn(
        validateNewCustomer(customerForm({ mcaDateAgreed: agreed }), { now: new Date(iso) }).issues,
        'mcaDateAgreed',
      );
    // 2026-12-01T11:00Z is 01:00 on 2 December in Kiritimati and 01:00 on 1 December in Honolulu.
    assert.deepEqual(at('2026-12-01T11:00:00Z', '2026-12-02'), []);
    assert.deepEqual(at('2026-12-01T11:00:00Z', '2026-12-03'), ['futureDate']);
    // 09:59Z: 23:59 on 1 December in Kiritimati, so the 2nd is still the future everywhere.
    assert.deepEqual(at('2026-12-01T09:59:00Z', '2026-12-02'), ['futureDate']);
    assert.deepEqual(at('2026-12-31T23:30:00Z', '2027-01-01'), [], 'across a year end too');
  });

  it('warns, without refusing, about acronyms and web endings in the legal name', () => {
    assert.deepEqual(
      validate({ companyName: 'MIT' }).warnings.map((w) => w.code),
      ['acronym'],
    );
    const tld = validate({ companyName: 'Contoso.edu' });
    assert.deepEqual(
      tld.warnings.map((w) => w.code),
      ['containsTld'],
    );
    assert.deepEqual(tld.issues, []);
    assert.deepEqual(validate({}).warnings, []);
  });

  it('reports every failure at once, each naming its field and the fix', () => {
    const report = validate({
      companyName: 'Test',
      email: 'a@gmail.com',
      domain: 'bad domain',
      firstName: '',
      country: 'ZZ',
    });
    assert.deepEqual(report.issues.map((i) => `${i.field}:${i.code}`).sort(), [
      'companyName:testName',
      'country:unknownCountry',
      'domain:invalidDomainCharacters',
      'email:freeEmailProvider',
      'firstName:required',
    ]);
    for (const issue of report.issues)
      assert.ok(
        english.issue(issue).startsWith(english.t(`field.${issue.field}` as 'field.email')),
        english.issue(issue),
      );
    assert.match(
      english.issue(report.issues.find((i) => i.field === 'email')!),
      /gmail\.com.*institution's own domain/,
    );
  });

  it('requires a registration ID and a phone number in each of the 24 listed countries', () => {
    assert.equal(REGISTRATION_REQUIRED_COUNTRIES.size, 24);
    for (const country of REGISTRATION_REQUIRED_COUNTRIES) {
      const report = validate({
        country,
        state: 'X',
        postalCode: '1000',
        organizationRegistrationNumber: '',
        phoneNumber: '',
      });
      assert.deepEqual(
        codesOn(report.issues, 'organizationRegistrationNumber'),
        ['requiredForCountry'],
        country,
      );
      assert.deepEqual(codesOn(report.issues, 'phoneNumber'), ['requiredForCountry'], country);
      assert.equal(report.issues.find((i) => i.field === 'phoneNumber')?.params?.country, country);
    }
    const polish = validate({
      country: 'PL',
      state: '',
      organizationRegistrationNumber: 'PL5260250274',
      phoneNumber: '+48 22 594 10 00',
    });
    assert.deepEqual(polish.issues, []);
  });

  it('does not require them elsewhere', () => {
    for (const country of ['US', 'FR', 'NL', 'SE', 'GB']) {
      const report = validate({ country, organizationRegistrationNumber: '', phoneNumber: '' });
      assert.deepEqual(report.issues, [], country);
    }
  });

  it('asks for a postal code and state only where addresses use them', () => {
    assert.deepEqual(codesOn(validate({ postalCode: '' }).issues, 'postalCode'), [
      'requiredForCountry',
    ]);
    assert.deepEqual(codesOn(validate({ state: '' }).issues, 'state'), ['requiredForCountry']);
    assert.deepEqual(validate({ country: 'SE', state: '' }).issues, []);
    const dubai = validate({
      country: 'AE',
      postalCode: '',
      state: '',
      organizationRegistrationNumber: '100234567800003',
      phoneNumber: '+971 4 000 0000',
    });
    assert.deepEqual(dubai.issues, []);
  });

  it('checks one step at a time, using the country of an earlier step', () => {
    const organisation = validateSections(
      { companyName: 'LLC', email: 'x@gmail.com' },
      ['organisation'],
      { now: NOW },
    );
    assert.deepEqual(organisation.issues.map((i) => i.field).sort(), [
      'companyName',
      'country',
      'domain',
      'educationSegment',
      'email',
    ]);
    const address = validateSections(
      { country: 'TR', addressLine1: 'Cadde 1', city: 'Ankara', postalCode: '06100' },
      ['address'],
      { now: NOW },
    );
    assert.deepEqual(address.issues.map((i) => `${i.field}:${i.code}`).sort(), [
      'organizationRegistrationNumber:requiredForCountry',
      'phoneNumber:requiredForCountry',
    ]);
    const contact = validateSections(customerForm(), ['contact'], { now: NOW });
    assert.deepEqual(contact.issues, []);
    assert.deepEqual(Object.keys(contact.value ?? {}).sort(), [
      'firstName',
      'lastName',
      'mcaDateAgreed',
      'mcaSignerEmail',
      'mcaSignerName',
    ]);
  });

  it('treats a non-object body as all fields missing, without throwing', () => {
    for (const body of [null, 'text', 42, []]) {
      const report = validateNewCustomer(body, { now: NOW });
      assert.ok(report.issues.length > 0);
      assert.equal(report.value, undefined);
    }
  });
});
