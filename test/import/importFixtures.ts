import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The spreadsheets in test/fixtures/spreadsheets (LibreOffice Calc wrote them: see its script). */
export function spreadsheetFixture(name: string): Uint8Array {
  // dist/test/import/ -> the repository's test/fixtures/spreadsheets/
  const url = new URL(`../../../test/fixtures/spreadsheets/${name}`, import.meta.url);
  return new Uint8Array(fs.readFileSync(fileURLToPath(url)));
}
