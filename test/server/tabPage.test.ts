import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/appHarness.js';

describe('tab page files', () => {
  let app: TestApp;
  before(async () => (app = await startTestApp()));
  after(async () => app.dispose());

  it('serves the page with a policy that lets only Teams and Microsoft 365 frame it', async () => {
    const res = await fetch(`${app.url}/tab`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(
      res.headers.get('x-frame-options'),
      null,
      'X-Frame-Options would stop Teams from framing the tab',
    );
    const policy = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '').split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    assert.deepEqual(policy['script-src'], ["'self'"]);
    assert.deepEqual(policy['default-src'], ["'none'"]);
    for (const host of [
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.cloud.microsoft',
    ]) {
      assert.ok(policy['frame-ancestors']?.includes(host), host);
    }
    assert.ok(!policy['frame-ancestors']?.includes('*'));
    assert.match(await res.text(), /<script type="module" src="\/tab\/main.js">/);
  });

  it("serves the page's modules, its style sheet and teams-js, and nothing else", async () => {
    for (const [file, type] of [
      ['main.js', 'text/javascript'],
      ['tab.css', 'text/css'],
      ['teams-js.js', 'text/javascript'],
    ]) {
      const res = await fetch(`${app.url}/tab/${file}`);
      assert.equal(res.status, 200, file);
      assert.match(res.headers.get('content-type') ?? '', new RegExp(`^${type}`), file);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', file);
    }
    for (const path of [
      '/tab/..%2Fpackage.json',
      '/tab/%2e%2e%2f%2e%2e%2fpackage.json',
      '/tab/contract.ts',
      '/tab/missing.js',
      '/tab/index.html',
    ]) {
      assert.equal((await fetch(`${app.url}${path}`)).status, 404, path);
    }
  });

  it('answers the API with no-store, and its strings without sign-in', async () => {
    const res = await fetch(`${app.url}/api/tab/strings?locale=nl-BE`);
    assert.equal(res.status, 200);
    const strings = (await res.json()) as { language: string; text: Record<string, string> };
    assert.equal(strings.language, 'nl');
    assert.equal(strings.text['tab.title'], 'Onderwijsklanten');
    assert.ok(
      Object.keys(strings.text).every((key) => key.startsWith('tab.') || key.startsWith('role.')),
    );
    const me = await fetch(`${app.url}/api/tab/me`);
    assert.equal(me.headers.get('cache-control'), 'no-store');
  });
});
