import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { checkImport } from '../../src/import/checkImport.js';
import { readSpreadsheet, type Spreadsheet } from '../../src/import/readSpreadsheet.js';
import {
  csvDelimiterFor,
  importTemplate,
  problemReport,
} from '../../src/import/writeSpreadsheet.js';
import { localizer } from '../../src/i18n/localizer.js';
import { globalAdmin } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';
import { spreadsheetFixture } from './importFixtures.js';

async function sheetOf(bytes: Uint8Array): Promise<Spreadsheet> {
  const read = await readSpreadsheet(bytes);
  assert.ok(read.ok, `the file reads: ${JSON.stringify(read.ok ? '' : read.error)}`);
  return read.value;
}

describe('import files: the template and the problem report', () => {
  let h: ServiceHarness;
  beforeEach(() => {
    h = new ServiceHarness();
  });
  afterEach(() => h.dispose());
  const context = {
    get customers() {
      return h.service.customers;
    },
    user: globalAdmin,
    locale: 'fr-FR',
  };

  it('writes the template with headers in the reader’s language, in XLSX and CSV', async () => {
    const french = localizer('fr-FR');
    const xlsx = await importTemplate(french, 'xlsx');
    assert.equal(xlsx.name, 'modele-clients-education.xlsx');
    const csv = await importTemplate(french, 'csv');
    assert.equal(csv.contentType, 'text/csv; charset=utf-8');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, for Excel');
    for (const file of [xlsx, csv]) {
      const read = await readSpreadsheet(file.bytes);
      assert.deepEqual(read.ok ? '' : read.error, { code: 'noRows' }, 'headers only');
    }
    const header = strFromU8(csv.bytes.subarray(3)).split('\r\n')[0]?.split(';');
    assert.equal(header?.[0], "Nom légal de l'organisation");
    assert.equal(header?.at(-1), 'Type de ligne');
    assert.equal(csvDelimiterFor('en-US'), ',');
    assert.equal(csvDelimiterFor('sv-SE'), ';');
  });

  for (const fixture of ['schools-fr.csv', 'schools.xlsx']) {
    it(`reports the problems of ${fixture} in the file itself, inert, ready to be fixed and sent again`, async () => {
      const sheet = await sheetOf(spreadsheetFixture(fixture));
      const check = await checkImport(sheet, context);
      assert.ok(check.ok);
      const french = localizer('fr-FR');
      const problemsByLine = new Map(
        check.rows.map((row) => [row.line, row.issues.map((i) => french.issue(i)).join('\n')]),
      );
      const report = await problemReport(sheet, problemsByLine, french);
      assert.match(report.name, new RegExp(`^problemes-import\\.${sheet.format}$`));

      const back = await sheetOf(report.bytes);
      assert.equal(back.header.at(-1), 'Problèmes');
      assert.equal(back.rows.length, 5, 'every row, the ready ones too');
      const problems = back.rows.map((row) => row.cells.at(-1) || null);
      assert.equal(problems[0], null, 'a ready row has no problem');
      assert.match(
        String(problems[2]),
        /^Domaine principal : le même domaine figure déjà à la ligne 2\.$/,
      );
      assert.ok(String(problems[1]).split('\n').length >= 3, 'every problem of a row, one a line');
      assert.equal(back.rows[3]?.cells[0], '\'=HYPERLINK("https://example.com/x";"Cliquez")');

      // The raw file holds the formula as inert text: a string starting with an apostrophe.
      const raw =
        sheet.format === 'csv'
          ? strFromU8(report.bytes)
          : strFromU8(unzipSync(report.bytes)['xl/sharedStrings.xml'] ?? new Uint8Array());
      assert.ok(raw.includes("'=HYPERLINK("), 'the formula is made inert');
      assert.ok(!/<f>/.test(raw), 'no formula element');

      // Sent again, the problems column is read and left aside, and the apostrophe goes.
      const again = await checkImport(back, context);
      assert.ok(again.ok, 'the report is a valid import file');
      assert.equal(
        again.rows[3]?.values.companyName,
        '=HYPERLINK("https://example.com/x";"Cliquez")',
      );
      assert.deepEqual(
        again.rows.map((row) => row.issues.length > 0),
        check.rows.map((row) => row.issues.length > 0),
      );
    });
  }
});
