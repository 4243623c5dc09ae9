import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readinessCheck } from '../../src/server/readiness.js';
import { startTestApp } from '../support/appHarness.js';

describe('/healthz and /readyz', () => {
  it('/readyz is 200 when the storage answers; 503 naming it when the data folder is gone, while /healthz stays 200', async () => {
    const app = await startTestApp();
    try {
      const ready = await fetch(`${app.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });

      fs.renameSync(app.dataDir, `${app.dataDir}.away`);
      fs.writeFileSync(app.dataDir, 'in the way');
      const notReady = await fetch(`${app.url}/readyz`);
      assert.equal(notReady.status, 503);
      assert.deepEqual(await notReady.json(), { status: 'not ready', problems: ['storage'] });
      assert.equal(notReady.headers.get('cache-control'), 'no-store');
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'the process still answers');

      fs.rmSync(app.dataDir);
      fs.renameSync(`${app.dataDir}.away`, app.dataDir);
      assert.equal((await fetch(`${app.url}/readyz`)).status, 200, 'ready again');
    } finally {
      await app.dispose();
    }
  });

  it('counts storage that does not answer in time, and a stopped notifier, as not ready', async () => {
    const seen: string[] = [];
    const check = readinessCheck({
      probeStorage: () => new Promise(() => {}),
      notifier: () => ({ running: false, outboxReadable: false }),
      onProblem: (what) => seen.push(what),
      timeoutMs: 20,
    });
    assert.deepEqual(await check(), {
      ready: false,
      problems: ['storage', 'notifier', 'outbox'],
    });
    assert.deepEqual(seen, ['storage', 'notifier', 'outbox']);
  });

  it('probes the storage once for any number of checks asked at the same time', async () => {
    let probes = 0;
    let answer: () => void = () => {};
    const check = readinessCheck({
      probeStorage: () => {
        probes += 1;
        return new Promise<void>((resolve) => (answer = resolve));
      },
      notifier: () => ({ running: true, outboxReadable: true }),
      onProblem: () => {},
    });
    const asked = Array.from({ length: 50 }, () => check());
    answer();
    for (const result of await Promise.all(asked)) assert.equal(result.ready, true);
    assert.equal(probes, 1);
    const next = check();
    answer();
    await next;
    assert.equal(probes, 2, 'a later check probes again');
  });
});
