import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../../src/bot/commandList.js';
import { VETTING_STATUSES } from '../../src/domain/customer.js';
import { EDUCATION_SEGMENTS } from '../../src/domain/fieldRules.js';
import { CUSTOMER_FIELDS, CUSTOMER_SECTIONS_IN_ORDER, FIELDS } from '../../src/domain/fields.js';
import { ISSUE_CODES } from '../../src/domain/issues.js';
import { FILE_COLUMNS, HEADER_PROBLEM_CODES, ROW_KINDS } from '../../src/import/columns.js';
import { FILE_PROBLEM_CODES } from '../../src/import/readSpreadsheet.js';
import { REVIEW_DAY_BUCKETS } from '../../src/domain/overview.js';
import { SEGMENTS } from '../../src/domain/purchase.js';
import { CAPABILITIES, PARTNER_ROLES } from '../../src/domain/roles.js';
import { en, ENGLISH_ONLY_PREFIXES, type MessageKey } from '../../src/i18n/catalogues/en.js';
import { LANGUAGES, localizer } from '../../src/i18n/localizer.js';
import { TAB_QUERY_FIELDS } from '../../src/server/tab/tabRoutes.js';
import { CONFIRMED_STEPS } from '../../src/service/qualificationGateway.js';
import { TAB_COLUMNS, TAB_SORTS } from '../../src/tab/contract.js';

/** One catalogue per language, each key used, each command and field with its words everywhere. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'catalogues' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Keys built from a name at run time (`segment.${segment}`), from the lists that name them. */
const KEY_FAMILIES: string[] = [
  ...CUSTOMER_FIELDS.map((f) => `field.${f}`),
  // Issues on the decision's reason and on a correction that is not an object.
  'field.reason',
  'field.body',
  ...CUSTOMER_FIELDS.filter((f) => FIELDS[f].hint).map((f) => `hint.${f}`),
  ...CUSTOMER_SECTIONS_IN_ORDER.map((s) => `section.${s}`),
  ...EDUCATION_SEGMENTS.map((s) => `segment.${s}`),
  ...VETTING_STATUSES.flatMap((s) => [
    `status.${s}`,
    `statusWord.${s}`,
    `selling.${s}`,
    `tab.status.${s}`,
    `filter.${s}.words`,
    `extension.choice.${s}`,
  ]),
  ...ISSUE_CODES.map((c) => `issue.${c}`),
  ...FILE_COLUMNS.map((c) => `field.${c}`),
  ...ROW_KINDS.map((kind) => `import.rowKind.${kind}.words`),
  ...[...FILE_PROBLEM_CODES, ...HEADER_PROBLEM_CODES].map((c) => `import.file.${c}`),
  ...PARTNER_ROLES.map((r) => `role.${r}`),
  ...CONFIRMED_STEPS.map((step) => `unavailable.${step}`),
  ...CAPABILITIES.map((c) => `capability.${c}`),
  ...SEGMENTS.map((s) => `segmentName.${s}`),
  ...REVIEW_DAY_BUCKETS.map((_, i) => `tab.days.${i}`),
  ...TAB_QUERY_FIELDS.map((f) => `tab.invalid.${f}`),
  ...TAB_SORTS.map((s) => `tab.sort.${s}`),
  ...TAB_COLUMNS.map((c) => `tab.column.${c}`),
  ...COMMANDS.flatMap((c) => [
    `command.${c.name}.words`,
    ...(c.hasHelp ? [`command.${c.name}.help`] : []),
    ...(c.inManifest ? [`command.${c.name}.description`] : []),
  ]),
  'language.locale',
];

describe('catalogues', () => {
  it('uses every key: each is written in the code or built from a list that names it', () => {
    const code = sourceFiles(path.join(ROOT, 'src'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const families = new Set(KEY_FAMILIES);
    const written = (key: string) => code.includes(`'${key}'`) || code.includes(`"${key}"`);
    // A plural form (`days.one`) is used where its message (`'days'`) is: l.plural picks the form.
    const pluralBase = (key: string) => /^(.+)\.(zero|one|two|few|many|other)$/.exec(key)?.[1];
    const unused = Object.keys(en).filter((key) => {
      const base = pluralBase(key);
      return !families.has(key) && !written(key) && !(base !== undefined && written(base));
    });
    assert.deepEqual(unused, []);
  });

  it('has a key for every name the code builds keys from', () => {
    const missing = KEY_FAMILIES.filter((key) => !(key in en));
    assert.deepEqual(missing, []);
  });

  it('lists every catalogue file in its index, and holds every other one to the English keys', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'src/i18n/catalogues'))
      .filter((file) => file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual([...LANGUAGES].sort(), files);
    assert.ok(['en', 'fr', 'nl', 'sv'].every((language) => LANGUAGES.includes(language)));
    const translated = Object.keys(en).filter(
      (key) => !ENGLISH_ONLY_PREFIXES.some((p) => key.startsWith(p)),
    );
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const i18n = localizer(language);
      assert.equal(i18n.language, language);
      // A translated key reads differently from English in at least most of the catalogue.
      const same = translated.filter((key) => i18n.t(key as MessageKey) === en[key as MessageKey]);
      assert.ok(
        same.length < translated.length / 4,
        `${language}: ${same.length} of ${translated.length} keys read as in English`,
      );
      // The English-only keys (operator API, CLI) read in English.
      assert.equal(i18n.t('admin.unauthorized'), en['admin.unauthorized']);
    }
  });

  it("names only existing words in {word:…}, and fills each with the reader's own word", () => {
    for (const language of LANGUAGES) {
      const i18n = localizer(language);
      for (const key of Object.keys(en) as MessageKey[]) {
        for (const [, name] of (en[key] + i18n.t(key)).matchAll(/\{word:([\w.]+)\}/g))
          assert.ok(`${name}.words` in en, `${language} ${key}: no ${name}.words`);
        assert.doesNotMatch(i18n.t(key), /\{word:/, `${language} ${key} is filled`);
      }
    }
    assert.equal(localizer('fr').t('card.stale').includes('« aide »'), true);
    assert.equal(localizer('sv').t('card.stale').includes('"hjälp"'), true);
    // A language without a word of its own shows the English one.
    assert.equal(localizer('nl').word('command.welcome'), 'hallo');
    assert.equal(localizer('fr').word('filter.InReview'), "en cours d'examen");
  });

  it('gives every command words in English, and its help line and menu description in every language', () => {
    const english = localizer('en');
    for (const command of COMMANDS) {
      assert.ok(
        english.t(`command.${command.name}.words` as MessageKey).trim(),
        `${command.name} has English words`,
      );
      for (const language of LANGUAGES) {
        const i18n = localizer(language);
        if (command.hasHelp)
          assert.ok(
            i18n.t(`command.${command.name}.help` as MessageKey).trim(),
            `${language} help for ${command.name}`,
          );
        if (command.inManifest)
          assert.ok(
            i18n.t(`command.${command.name}.description` as MessageKey).trim(),
            `${language} description for ${command.name}`,
          );
      }
    }
  });

  it('gives every field a label in every language', () => {
    for (const language of LANGUAGES) {
      const i18n = localizer(language);
      for (const field of CUSTOMER_FIELDS)
        assert.ok(i18n.t(`field.${field}` as MessageKey).trim(), `${language} ${field}`);
    }
  });
});
