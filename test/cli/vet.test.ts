import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { ADMIN_KEY, startTestApp } from '../support/appHarness.js';
import { tempDir } from '../support/temp.js';

const run = promisify(execFile);
const VET = fileURLToPath(new URL('../../src/cli/vet.js', import.meta.url));

describe('npm run vet (operator CLI)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const cwd = tempDir('vet-cwd-');
  before(async () => {
    app = await startTestApp();
    for (const [name, domain] of [
      ['Contoso Elementary School', 'contosoelementary'],
      ['Fabrikam High School', 'fabrikamhigh'],
    ]) {
      const created = await app.service.customers.createCustomer(
        globalAdmin,
        customerForm({ companyName: name, domain }),
      );
      assert.ok(created.ok);
    }
  });
  after(async () => {
    await app.dispose();
    cwd.remove();
  });

  // Run from an empty directory so no env/ file of the developer's leaks in.
  const vet = (
    args: string[],
    env: Record<string, string> = { ADMIN_API_KEY: ADMIN_KEY, VET_API_URL: app.adminUrl ?? '' },
  ) =>
    run(process.execPath, [VET, ...args], {
      cwd: cwd.dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: unknown) => {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      },
    );

  it('approves by domain and denies with a reason', async () => {
    const approved = await vet(['approve', 'contosoelementary']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(
      approved.stdout,
      /Contoso Elementary School \(contosoelementary\.onmicrosoft\.com\): Approved/,
    );
    const denied = await vet(['deny', 'fabrikamhigh', '--reason', 'No accreditation found']);
    assert.equal(denied.code, 0, denied.stderr);
    assert.match(denied.stdout, /Denied – No accreditation found/);
    const status = await app.service.customers.operatorGet('fabrikamhigh');
    assert.equal(status?.qualification.vettingReason, 'No accreditation found');
  });

  it('lists customers as a table, filtered by status', async () => {
    const all = await vet(['list']);
    assert.equal(all.code, 0, all.stderr);
    const lines = all.stdout.trim().split('\n');
    assert.match(lines[0]!, /^ID\s+DOMAIN\s+STATUS\s+REQUESTS/);
    assert.equal(lines.length, 3);
    const denied = await vet(['list', '--status', 'Denied']);
    assert.match(denied.stdout, /fabrikamhigh/);
    assert.doesNotMatch(denied.stdout, /contosoelementary/);
  });

  it('explains mistakes instead of failing obscurely', async () => {
    const noReason = await vet(['deny', 'contosoelementary']);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /--reason is required for deny/);
    const unknown = await vet(['list', '--colour', 'red']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--colour'[\s\S]*Usage:/);
    const again = await vet(['approve', 'contosoelementary']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /409: .*not InReview/);
    const noKey = await vet(['list'], { VET_API_URL: app.adminUrl ?? '' });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /ADMIN_API_KEY is not set/);
    const wrongKey = await vet(['list'], {
      VET_API_URL: app.adminUrl ?? '',
      ADMIN_API_KEY: 'wrong',
    });
    assert.match(wrongKey.stderr, /^401: /);
    const down = await vet(['list'], {
      VET_API_URL: 'http://127.0.0.1:9',
      ADMIN_API_KEY: ADMIN_KEY,
    });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /Cannot reach the bot .* Is it running/);
  });
});
