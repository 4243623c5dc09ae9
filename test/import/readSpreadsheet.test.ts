import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import {
  DEFAULT_IMPORT_LIMITS,
  readSpreadsheet,
  type Spreadsheet,
} from '../../src/import/readSpreadsheet.js';
import { cellText } from '../../src/import/cells.js';
import { fileProblemText } from '../../src/import/importText.js';
import { localizer } from '../../src/i18n/localizer.js';
import { spreadsheetFixture } from './importFixtures.js';

async function read(bytes: Uint8Array, limits = DEFAULT_IMPORT_LIMITS): Promise<Spreadsheet> {
  const result = await readSpreadsheet(bytes, limits);
  assert.ok(result.ok, `read: ${JSON.stringify(result.ok ? '' : result.error)}`);
  return result.value;
}

async function refusal(bytes: Uint8Array, limits = DEFAULT_IMPORT_LIMITS): Promise<unknown> {
  const result = await readSpreadsheet(bytes, limits);
  assert.ok(!result.ok, 'the file is refused');
  return result.error;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('import files: reading', () => {
  it("reads the CSV LibreOffice Calc saves in a French locale: ';', Windows-1252, quotes, dates as shown", async () => {
    const sheet = await read(spreadsheetFixture('schools-fr.csv'));
    assert.equal(sheet.format, 'csv');
    assert.equal(sheet.delimiter, ';');
    assert.equal(sheet.header[9], 'État ou province', 'Windows-1252 decoded');
    assert.equal(sheet.header[6], 'Adresse, ligne 1', "a ',' in a ';' file is part of the header");
    assert.deepEqual(
      sheet.rows.map((row) => row.line),
      [2, 3, 4, 5, 6],
    );
    const [first, second, , fourth, fifth] = sheet.rows;
    assert.equal(first?.cells[0], 'Lycée Victor-Hugo');
    assert.equal(first?.cells[6], "12, rue de l'École");
    assert.equal(first?.cells[17], '05/01/2026');
    assert.equal(cellText(first?.cells[17] ?? null, 'date', 'fr-FR'), '2026-01-05');
    assert.equal(second?.cells[6], '1 rue Claude Goudimel; bâtiment A', "a quoted ';' stays");
    assert.equal(fourth?.cells[0], '=HYPERLINK("https://example.com/x";"Cliquez")');
    assert.equal(fifth?.cells[10], '01000', 'a postal code keeps its leading zero');
  });

  it('reads the XLSX LibreOffice Calc saves: dates as Excel serials with a date format', async () => {
    const sheet = await read(spreadsheetFixture('schools.xlsx'));
    assert.equal(sheet.format, 'xlsx');
    assert.equal(sheet.header[9], 'État ou province');
    assert.equal(sheet.rows.length, 5);
    const date = sheet.rows[0]?.cells[17];
    assert.ok(date instanceof Date, `a date cell is a date: ${String(date)}`);
    assert.equal(cellText(date, 'date', 'en-US'), '2026-01-05');
    assert.equal(sheet.rows[4]?.cells[10], '01000');
  });

  it('reads the libraries own files: UTF-8 with a BOM and commas; an XLSX with a bare serial', async () => {
    const csv = stringify(
      [
        ['companyName', 'mcaDateAgreed'],
        ['Université Laval', '2026-01-05'],
      ],
      { bom: true },
    );
    const fromCsv = await read(utf8(csv));
    assert.deepEqual(
      fromCsv.header,
      ['companyName', 'mcaDateAgreed'],
      'the BOM is not in the header',
    );
    assert.equal(fromCsv.delimiter, ',');
    assert.equal(fromCsv.rows[0]?.cells[0], 'Université Laval');

    const xlsx = await writeXlsxFile([
      ['companyName', 'mcaDateAgreed'],
      ['Université Laval', 46027],
    ]).toBuffer();
    const fromXlsx = await read(xlsx);
    assert.equal(fromXlsx.rows[0]?.cells[1], 46027);
    assert.equal(cellText(46027, 'date', 'en-US'), '2026-01-05', 'an Excel serial is a date');
  });

  it('reads text dates in the order of the reader’s locale', () => {
    assert.equal(cellText('05/01/2026', 'date', 'fr-FR'), '2026-01-05');
    assert.equal(cellText('05/01/2026', 'date', 'en-US'), '2026-05-01');
    assert.equal(cellText('5.1.2026', 'date', 'nl-NL'), '2026-01-05');
    assert.equal(cellText('2026-01-05 00:00:00', 'date', 'en-US'), '2026-01-05');
    assert.equal(cellText('next Tuesday', 'date', 'en-US'), 'next Tuesday', 'left for the rule');
  });

  it('refuses what is not a spreadsheet, each with its reason', async () => {
    assert.deepEqual(await refusal(new Uint8Array()), { code: 'empty' });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    assert.deepEqual(await refusal(xls), { code: 'legacyXls' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    assert.deepEqual(await refusal(png), { code: 'binary' });
    const notAWorkbook = zipSync({ 'readme.txt': utf8('hello') });
    assert.deepEqual(await refusal(notAWorkbook), { code: 'notXlsx' });
    assert.deepEqual(await refusal(utf8('companyName;city\n"Lycée;Dole\n')), {
      code: 'csvSyntax',
      line: 2,
    });
    assert.deepEqual(await refusal(utf8('companyName;city\n\n;\n')), { code: 'noRows' });
  });

  it('bounds the file, its rows and its cells', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxBytes: 1024 * 1024, maxRows: 1000 };
    const big = utf8(`companyName\n${'x'.repeat(10 * 1024 * 1024)}\n`);
    assert.deepEqual(await refusal(big, limits), {
      code: 'tooLarge',
      bytes: big.length,
      max: limits.maxBytes,
    });
    const oneCell = await refusal(big, { ...limits, maxBytes: 64 * 1024 * 1024 });
    assert.deepEqual(oneCell, { code: 'cellTooLong', line: 2, max: limits.maxCellChars });

    const manyRows = utf8(`companyName\n${'École\n'.repeat(100_000)}`);
    assert.deepEqual(await refusal(manyRows, { ...limits, maxBytes: 2 * 1024 * 1024 }), {
      code: 'tooManyRows',
      max: 1000,
    });
    const xlsxRows = await writeXlsxFile([
      ['companyName'],
      ...Array.from({ length: 1001 }, () => ['École']),
    ]).toBuffer();
    assert.deepEqual(await refusal(xlsxRows, limits), { code: 'tooManyRows', max: 1000 });
  });

  it('refuses a decompression bomb from the zip directory, before inflating it', async () => {
    // 64 MB of zeros in a sheet: a file of ~64 KB.
    const bomb = zipSync(
      { 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024) },
      { level: 1 },
    );
    assert.ok(bomb.length < 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    assert.deepEqual(await refusal(bomb), {
      code: 'unzippedTooLarge',
      max: DEFAULT_IMPORT_LIMITS.maxUnzippedBytes,
    });
    assert.ok(
      process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024,
      'nothing the size of the inflated part was allocated',
    );
  });

  it('inflates no more than a lying zip directory declares', async () => {
    const workbook = await writeXlsxFile([['companyName'], ['École']]).toBuffer();
    const lying = new Uint8Array(workbook);
    // Every entry's declared size set to 10 bytes, in the directory and the local headers.
    const view = new DataView(lying.buffer, lying.byteOffset, lying.byteLength);
    for (let i = 0; i + 4 <= lying.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 10, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 10, true);
    }
    assert.deepEqual(await refusal(lying), { code: 'notXlsx' });
  });

  it('says what is wrong with a file in the reader’s language, with its numbers', async () => {
    const tooLarge = await refusal(new Uint8Array(5 * 1024 * 1024 + 300 * 1024).fill(65));
    assert.equal(
      fileProblemText(localizer('en-GB'), tooLarge as never),
      'The file is 5.3 MB; the limit is 4 MB. Split it into smaller files.',
    );
    assert.equal(
      fileProblemText(localizer('fr-FR'), { code: 'tooManyRows', max: 1000 }),
      'Le fichier a plus de 1000 lignes. Découpez-le en fichiers d’au plus 1000 lignes.',
    );
    assert.equal(
      fileProblemText(localizer('sv'), { code: 'legacyXls' }),
      'Det här är en gammal Excel-fil (.xls). Spara den som Excel-arbetsbok (.xlsx) eller som CSV och skicka den igen.',
    );
    assert.equal(
      fileProblemText(localizer('nl'), { code: 'cellTooLong', line: 7, max: 4096 }),
      'Regel 7 heeft een cel van meer dan 4096 tekens, langer dan elk veld. Controleer die regel.',
    );
  });
});
