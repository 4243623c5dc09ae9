import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readSpreadsheet } from '../../src/import/readSpreadsheet.js';
import { startTestApp, type TestApp } from '../support/appHarness.js';
import { seriousViolations } from '../support/axe.js';
import { launchBrowser, loopbackContext, screenshotPath } from '../support/browser.js';
import { customerForm } from '../support/fixtures.js';
import { tempDir } from '../support/temp.js';
import { formsCsv } from '../support/importFiles.js';

/**
 * The tab's Import page in headless Chromium, driven from the keyboard alone: choose a file,
 * see every problem, download the report, choose the fixed file, confirm, watch it run.
 */

const school = (n: number, overrides: Record<string, unknown> = {}) =>
  customerForm({
    companyName: `Northwind School ${n}`,
    domain: `northwindschool${n}`,
    ...overrides,
  });

/** Three rows: one ready, one with a bad email and a missing city, one repeating row 2's domain. */
const withProblems = formsCsv([
  school(1),
  school(2, { email: 'not-an-address', city: '' }),
  school(3, { domain: 'northwindschool1' }),
]);
const fixed = formsCsv([school(1), school(2), school(3)]);

async function keyboardOnly(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
}
const focusedId = (page: Page) =>
  page.locator('body').evaluate((body) => body.ownerDocument.activeElement?.id ?? '');

/** Presses Tab until the element with this id has the focus (at most `limit` times). */
async function tabTo(page: Page, id: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

/**
 * Chooses a file from the focused file input, as a person does: Space opens the chooser. On a
 * loaded machine Chromium now and then drops the key press that should open it (seen in CI after
 * a download); a person then presses Space again, and so does this.
 */
async function chooseFile(page: Page, file: string): Promise<void> {
  const inputId = await focusedId(page);
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await keyboardOnly(page, 'Space');
    try {
      await (await chooser).setFiles(file);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      assert.equal(await focusedId(page), inputId, 'the file input keeps the focus');
    }
  }
}

describe('the tab’s Import page in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let app: TestApp;
  let files: { dir: string; remove(): void };
  before(async () => {
    browser = await launchBrowser();
    app = await startTestApp();
    files = tempDir();
  });
  after(async () => {
    await browser?.close();
    await app?.dispose();
    files?.remove();
  });

  const writeFile = (name: string, bytes: Uint8Array) => {
    const file = path.join(files.dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  async function openTab(query = ''): Promise<Page> {
    const context = await loopbackContext(browser, { width: 1280, height: 1000 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}/tab${query}`);
    await page.locator('#main[aria-busy="false"]').waitFor();
    assert.deepEqual(errors, []);
    return page;
  }

  it('checks a file, shows every problem, gives the report, then imports the fixed file and shows it run', async () => {
    const page = await openTab();
    // Keyboard only, from the top of the page: the section link, then the file input.
    await tabTo(page, 'nav-import');
    await keyboardOnly(page, 'Enter');
    await page.getByRole('heading', { name: 'Import schools from a spreadsheet' }).waitFor();
    assert.equal(await focusedId(page), 'import-title');
    assert.equal(
      await page.getByRole('link', { name: 'Import' }).getAttribute('aria-current'),
      'page',
    );
    assert.ok(await page.locator('#customers-page').isHidden());
    await tabTo(page, 'import-file', 5);
    await chooseFile(page, writeFile('schools.csv', withProblems));

    const title = page.locator('#import-job-title');
    await title.filter({ hasText: 'Import of schools.csv' }).waitFor();
    assert.equal(await focusedId(page), 'import-job-title', 'focus moves to the result');
    assert.deepEqual(await page.locator('#import-facts dd').allInnerTexts(), ['3', '1', '2']);
    const problems = await page
      .locator('#import-problems tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
      );
    assert.deepEqual(
      problems.map(([line, column]) => [line, column]),
      [
        ['3', 'Email'],
        ['3', 'City'],
        ['4', 'Primary domain'],
      ],
      'every problem, with its row and column',
    );
    assert.match(problems[2]?.[2] ?? '', /same domain is already on row 2/);
    await page.screenshot({ path: screenshotPath('tab-import-problems'), fullPage: true });

    // The report: the file as it came, with a Problems column.
    await tabTo(page, 'import-report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      keyboardOnly(page, 'Enter'),
    ]);
    assert.equal(download.suggestedFilename(), 'import-problems.csv');
    const report = await readSpreadsheet(fs.readFileSync(await download.path()));
    assert.ok(report.ok);
    assert.equal(report.value.header.at(-1), 'Problems');
    const problemColumn = report.value.rows.map((row) => String(row.cells.at(-1) ?? ''));
    assert.equal(problemColumn[0], '');
    assert.match(problemColumn[1] ?? '', /Email[\s\S]*\n[\s\S]*City/);
    assert.match(problemColumn[2] ?? '', /row 2/);

    // Fixed, chosen again: every row is ready.
    await tabTo(page, 'import-file');
    await chooseFile(page, writeFile('schools.csv', fixed));
    await page.getByText('Every row is ready.').waitFor();
    assert.deepEqual(await page.locator('#import-facts dd').allInnerTexts(), ['3', '3', '0']);

    // Confirmed in a dialog that says the domains are final.
    await tabTo(page, 'import-start');
    assert.equal(await page.locator('#import-start').innerText(), 'Create 3 customers');
    await keyboardOnly(page, 'Enter');
    const dialog = page.getByRole('dialog', { name: 'Create the customers?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /cannot be changed once they are created/);
    assert.equal(await focusedId(page), 'confirm-start');
    await keyboardOnly(page, 'Enter');

    await title.filter({ hasText: 'Import of schools.csv finished' }).waitFor();
    assert.equal(await page.locator('#import-progress').getAttribute('value'), '3');
    assert.equal(await page.locator('#import-progress-text').innerText(), '3 of 3 rows done.');
    await page
      .locator('#announcer')
      .filter({ hasText: 'Import of schools.csv finished' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('tab-import-finished'), fullPage: true });

    const stored = (await app.service.customers.operatorList({ limit: 100 })).items
      .map((c) => c.companyProfile.companyName)
      .filter((name) => name.startsWith('Northwind School'))
      .sort();
    assert.deepEqual(stored, ['Northwind School 1', 'Northwind School 2', 'Northwind School 3']);

    // A reload shows the same import again.
    await page.reload();
    await title.filter({ hasText: 'Import of schools.csv finished' }).waitFor();
  });

  it('names what is wrong with a file it cannot read, keeping the page usable', async () => {
    const page = await openTab('#import');
    await page
      .locator('#import-file')
      .setInputFiles(writeFile('notes.csv', Buffer.from('a;b\n1;2\n')));
    const error = page
      .getByRole('alert')
      .filter({ hasText: 'The columns of notes.csv cannot be read' });
    await error.waitFor();
    assert.match(await error.innerText(), /The column “a” is not one I know/);
    assert.ok(await page.locator('#import-file').isEnabled());
  });

  it('has no serious accessibility violation on the Import, list and detail pages, in every theme', async () => {
    for (const theme of ['default', 'dark', 'contrast']) {
      const page = await openTab(`?theme=${theme}#import`);
      await page.locator('#import-file').setInputFiles(writeFile('a11y.csv', withProblems));
      await page.locator('#import-problems').waitFor();
      assert.deepEqual(await seriousViolations(page), [], `Import page, ${theme}`);

      await page.getByRole('link', { name: 'Customers' }).click();
      await page.locator('#customer-rows tr[data-id]').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `list, ${theme}`);

      await page.locator('#customer-rows tr[data-id] button').first().click();
      await page.locator('#detail-title').waitFor();
      assert.deepEqual(await seriousViolations(page), [], `detail, ${theme}`);
      await page.context().close();
    }
  });
});
