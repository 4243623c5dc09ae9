import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '../src/config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The variables named in the first column of the table under a heading of docs/configuration.md. */
function documentedUnder(heading: string): string[] {
  const page = read('docs/configuration.md');
  const start = page.indexOf(`### ${heading}`);
  assert.ok(start >= 0, `docs/configuration.md has "### ${heading}"`);
  const next = page.indexOf('\n#', start + 1);
  const section = page.slice(start, next < 0 ? undefined : next);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]!));
}

/** Every source file of the scripts and the package template, where the tools' variables are read. */
function toolSources(): string {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
  return [...files('src/cli'), 'manifest/manifest.json', 'src/config.ts']
    .map((file) => read(file))
    .join('\n');
}

describe('the configuration reference (docs/configuration.md)', () => {
  it("documents exactly the bot's environment schema: every variable, nothing it does not read", () => {
    const documented = documentedUnder('Read by the bot');
    assert.deepEqual(
      CONFIG_VARIABLES.filter((name) => !documented.includes(name)),
      [],
      'in the schema, not documented',
    );
    assert.deepEqual(
      documented.filter((name) => !CONFIG_VARIABLES.includes(name)),
      [],
      'documented, not in the schema',
    );
    assert.equal(new Set(documented).size, documented.length, 'each variable once');
  });

  it('documents only variables the scripts and the app package really read', () => {
    const documented = documentedUnder('Read by the scripts and the app package');
    assert.ok(documented.length > 0);
    const sources = toolSources();
    assert.deepEqual(
      documented.filter((name) => !sources.includes(name)),
      [],
      'documented, read nowhere',
    );
    assert.deepEqual(
      documented.filter((name) => CONFIG_VARIABLES.includes(name)),
      [],
    );
  });

  it('keeps the README short, with the two commands and a link to every page of docs/', () => {
    const readme = read('README.md');
    // Room for the import's limits and figures (issue 25 asks for them here), and no more.
    assert.ok(readme.length < 16_500, `README.md is ${readme.length} characters`);
    assert.match(readme, /npm install && npm start/);
    assert.match(readme, /npm install && npm run lint && npm test/);
    const pages = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    for (const page of pages) assert.ok(readme.includes(`(docs/${page})`), `README links ${page}`);
    // Every relative link of the README and docs/ points at a file that exists.
    for (const file of ['README.md', ...pages.map((page) => `docs/${page}`)]) {
      for (const [, target] of read(file).matchAll(/\]\(((?!https?:|#)[^)#\s]+)/g)) {
        const resolved = path.join(ROOT, path.dirname(file), target!);
        assert.ok(fs.existsSync(resolved), `${file} links ${target}, which does not exist`);
      }
    }
  });
});
