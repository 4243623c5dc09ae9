import assert from 'node:assert/strict';
import { checkImport, type CheckedRow, type ImportCheck } from '../../src/import/checkImport.js';
import { headerProblemText } from '../../src/import/importText.js';
import { readSpreadsheet, type Spreadsheet } from '../../src/import/readSpreadsheet.js';
import { localizer } from '../../src/i18n/localizer.js';
import { customerForm, globalAdmin, partnerUser } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';
import { formsCsv } from '../support/importFiles.js';
import { spreadsheetFixture } from './importFixtures.js';

const operator = { kind: 'operator' as const, id: 'op', name: 'Operator' };
const french = localizer('fr-FR');

async function sheetOf(bytes: Uint8Array): Promise<Spreadsheet> {
  const read = await readSpreadsheet(bytes);
  assert.ok(read.ok, 'the file reads');
  return read.value;
}

function rowsOf(check: ImportCheck): CheckedRow[] {
  assert.ok(check.ok, `the headers match: ${JSON.stringify(check.ok ? '' : check.headerProblems)}`);
  return check.rows;
}
const codes = (row: CheckedRow | undefined) => row?.issues.map((i) => `${i.field}:${i.code}`);

describe('import files: checking every row', () => {
  let h: ServiceHarness;
  beforeEach(() => {
    h = new ServiceHarness();
  });
  afterEach(() => h.dispose());
  const context = (locale = 'fr-FR', user = globalAdmin) => ({
    customers: h.service.customers,
    user,
    locale,
  });

  it('checks the LibreOffice files with the form’s rules and finds a domain twice', async () => {
    for (const [file, locale] of [
      ['schools-fr.csv', 'fr-FR'],
      ['schools.xlsx', 'en-US'],
    ] as const) {
      const check = await checkImport(await sheetOf(spreadsheetFixture(file)), context(locale));
      const [lycee, universite, college, hyperlink, tilleuls] = rowsOf(check);
      assert.deepEqual(codes(lycee), [], `${file}: row 2 is ready`);
      assert.deepEqual(lycee?.values.country, 'FR', 'the country written as a name');
      assert.equal(lycee?.values.mcaDateAgreed, '2026-01-05');
      assert.deepEqual(
        codes(universite)?.sort(),
        ['city:required', 'domain:invalidDomainCharacters', 'email:freeEmailProvider'],
        `${file}: row 3`,
      );
      assert.equal(universite?.values.educationSegment, 'HigherEducation', 'a segment by its name');
      assert.deepEqual(codes(college), ['domain:duplicateInFile'], `${file}: row 4`);
      assert.deepEqual(college?.issues[0]?.params, { line: 2 });
      assert.ok(hyperlink?.values.companyName?.startsWith('=HYPERLINK('), 'a formula is text');
      assert.deepEqual(codes(hyperlink), ['companyName:testName'], '"example" is a test name');
      assert.deepEqual(codes(tilleuls), []);
      assert.equal(tilleuls?.values.postalCode, '01000');
      assert.equal(check.ok && check.ready, 2);
    }
  });

  it('says every problem in the reader’s language', async () => {
    const check = await checkImport(await sheetOf(spreadsheetFixture('schools-fr.csv')), context());
    const [, universite, college] = rowsOf(check);
    const words = universite?.issues.map((issue) => french.issue(issue)) ?? [];
    assert.ok(
      words.some((w) => w.startsWith('Ville')),
      words.join(' | '),
    );
    assert.equal(
      french.issue(college!.issues[0]!),
      'Domaine principal : le même domaine figure déjà à la ligne 2.',
    );
  });

  it('finds rows for customers the partner already has, and domains another partner has', async () => {
    const mine = await h.service.customers.createCustomer(
      globalAdmin,
      customerForm({ domain: 'contosoelementary' }),
    );
    assert.ok(mine.ok);
    const other = partnerUser('GlobalAdmin', 'DirectBill', 'another-partner');
    assert.ok(
      (await h.service.customers.createCustomer(other, customerForm({ domain: 'fabrikamhigh' })))
        .ok,
    );
    const check = await checkImport(
      await sheetOf(
        formsCsv([
          customerForm({ domain: 'contosoelementary' }),
          customerForm({ domain: 'fabrikamhigh' }),
          customerForm({ domain: 'northwindschool' }),
        ]),
      ),
      context('en-US'),
    );
    const [existing, taken, fresh] = rowsOf(check);
    assert.deepEqual(codes(existing), ['domain:alreadyCustomer']);
    assert.equal(
      localizer('en').issue(existing!.issues[0]!),
      'Primary domain: Contoso Elementary School is already your customer with this domain. Delete the row, or mark it as a correction.',
    );
    assert.deepEqual(
      codes(taken),
      ['domain:domainTaken'],
      'another partner’s customer stays unnamed',
    );
    assert.deepEqual(codes(fresh), []);
  });

  it('checks corrections: a denied customer with requests left, its fields laid over the stored ones', async () => {
    const create = async (domain: string) => {
      const made = await h.service.customers.createCustomer(globalAdmin, customerForm({ domain }));
      assert.ok(made.ok);
      return made.value.customer;
    };
    const denied = await create('deniedschool');
    assert.ok(
      (
        await h.service.vetting.decide(operator, denied.id, {
          status: 'Denied',
          reason: 'No proof',
        })
      ).ok,
    );
    await create('inreviewschool');
    const check = await checkImport(
      await sheetOf(
        formsCsv([
          { domain: 'deniedschool', city: 'Seattle', rowKind: 'correction' },
          { domain: 'deniedschool', city: 'Seattle', email: 'x@gmail.com', rowKind: 'Correction' },
          { domain: 'inreviewschool', rowKind: 'correction' },
          { domain: 'nobodyschool', rowKind: 'correction' },
          { domain: 'whatever', rowKind: 'maybe' },
        ]),
      ),
      context('en-US'),
    );
    const [corrected, badEmail, inReview, unknown, badKind] = rowsOf(check);
    assert.equal(corrected?.kind, 'correction');
    assert.deepEqual(codes(corrected), []);
    assert.deepEqual(codes(badEmail), ['domain:duplicateInFile', 'email:freeEmailProvider']);
    assert.deepEqual(codes(inReview), ['domain:notDenied']);
    assert.equal(
      localizer('fr').issue(inReview!.issues[0]!),
      'Domaine principal : ce client est en cours de vérification ; seul un client refusé peut être corrigé et soumis à nouveau.',
    );
    assert.deepEqual(codes(unknown), ['domain:unknownCustomer']);
    assert.deepEqual(codes(badKind), ['rowKind:invalidRowKind']);
  });

  it('names the columns a file lacks, does not know, or has twice', async () => {
    const text =
      'Legal company name;Nom légal de l’organisation;Colour;City\nLycée;Lycée;blue;Dole\n';
    const check = await checkImport(
      await sheetOf(new TextEncoder().encode(text)),
      context('en-US'),
    );
    assert.ok(!check.ok);
    const said = check.headerProblems.map((p) => headerProblemText(localizer('en'), p));
    assert.deepEqual(said.slice(0, 2), [
      'The column “Nom légal de l’organisation” is there twice. Keep one.',
      'The column “Colour” is not one I know. Rename it to a header of the template, or delete it.',
    ]);
    assert.ok(
      said.includes('The column “Primary domain” is missing. Use the headers of the template.'),
    );
    assert.ok(
      !said.some((s) => s.includes('State or province')),
      'a column only some countries need may be left out',
    );
  });
});
