import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakePartnerCenter, partnerCenterApiFor } from '../support/fakePartnerCenter.js';
import { tempDir } from '../support/temp.js';

const run = promisify(execFile);
const CONNECT = fileURLToPath(new URL('../../src/cli/partnerCenterConnect.js', import.meta.url));
const TENANT = '8f2d1c3b-4a5e-4f60-9b7c-1d2e3f4a5b6c';
const CLIENT = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

describe('npm run partner-center:connect', function () {
  this.timeout(30_000);
  let fake: FakePartnerCenter;
  const work = tempDir('connect-');
  before(async () => (fake = await FakePartnerCenter.start()));
  after(async () => {
    await fake.stop();
    work.remove();
  });

  // From an empty folder, so no env/ file of the developer's leaks in.
  const connect = (env: Record<string, string>) =>
    run(process.execPath, [CONNECT], {
      cwd: work.dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: path.join(work.dir, 'data'), ...env },
    });

  it('signs in with a device code, keeps the refresh token where the bot reads it, and never prints it', async () => {
    const { stdout } = await connect({
      AZURE_AUTHORITY_HOST: fake.url,
      PARTNER_CENTER_TENANT_ID: TENANT,
      PARTNER_CENTER_CLIENT_ID: CLIENT,
      PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
    });
    assert.match(stdout, /Sign in as a partner user of tenant 8f2d1c3b/);
    assert.match(stdout, /enter the code FAKE-CODE/);
    assert.match(stdout, /Connected\. The refresh token is kept in .*data\/secrets/);
    const folder = path.join(work.dir, 'data', 'secrets');
    const [file] = fs.readdirSync(folder);
    assert.equal(fs.statSync(path.join(folder, file!)).mode & 0o777, 0o600);
    const kept = (
      JSON.parse(fs.readFileSync(path.join(folder, file!), 'utf8')) as { value: string }
    ).value;
    assert.ok(fake.refreshTokens.has(kept), 'a refresh token Partner Center accepts');
    assert.ok(!stdout.includes(kept), 'the token is not printed');
    // The bot's credential, reading that kept token, gets Partner Center to answer.
    const api = partnerCenterApiFor(fake, {
      store: { read: () => Promise.resolve(kept), write: () => Promise.resolve() },
    });
    assert.equal(await api.domainTaken('contoso'), false);
  });

  it('names what is missing instead of starting a sign-in', async () => {
    const failed = await connect({ PARTNER_CENTER_TENANT_ID: TENANT }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    assert.ok('code' in failed && failed.code === 1);
    assert.match(failed.stderr, /PARTNER_CENTER_CLIENT_ID/);
    assert.match(failed.stderr, /PARTNER_CENTER_CLIENT_SECRET/);
  });
});
