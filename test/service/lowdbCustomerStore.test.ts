import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUseError, DataDirUnusableError } from '../../src/storage/lowdb/dataDirLock.js';
import { DataFileError, LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';

describe('lowdb customer store: data safety', () => {
  let h: ServiceHarness;
  beforeEach(() => (h = new ServiceHarness()));
  afterEach(async () => h.dispose());

  async function createOne(overrides: Record<string, unknown> = {}) {
    const result = await h.service.customers.createCustomer(globalAdmin, customerForm(overrides));
    assert.ok(result.ok);
    return result.value.customer;
  }

  it('keeps customers, statuses and history across a restart', async () => {
    const a = await createOne();
    const b = await createOne({
      companyName: 'Fabrikam University',
      domain: 'fabrikam',
      educationSegment: 'HigherEducation',
    });
    await h.service.vetting.decide({ kind: 'operator', id: 'op', name: 'Op' }, b.id, {
      status: 'Denied',
      reason: 'Unknown institution',
    });
    const before = await h.service.customers.operatorList();
    await h.restart();
    assert.deepEqual(await h.service.customers.operatorList(), before);
    const status = await h.service.customers.getQualificationStatus(globalAdmin, 'fabrikam');
    assert.ok(status.ok);
    assert.equal(status.value.vettingReason, 'Unknown institution');
    assert.equal(status.value.history.length, 2);
    const taken = await h.service.customers.validateDraft({ domain: a.companyProfile.domain }, [
      'organisation',
    ]);
    assert.ok(
      taken.issues.some((i) => i.code === 'domainTaken'),
      'the domain index is rebuilt',
    );
  });

  it('stops with a clear message on a corrupt file, and never overwrites it', async () => {
    const customer = await createOne();
    await h.store.close();
    const file = h.customerFile(customer.id);
    const torn = fs.readFileSync(file, 'utf8').slice(0, 100);
    fs.writeFileSync(file, torn);
    assert.throws(
      () => LowdbCustomerStore.open(h.dataDir),
      (e: unknown) => {
        assert.ok(e instanceof DataFileError);
        assert.match(
          e.message,
          new RegExp(`${customer.id}\\.json: it is not readable JSON.*has not been changed`),
        );
        return true;
      },
    );
    assert.equal(fs.readFileSync(file, 'utf8'), torn);
    assert.equal(
      fs.existsSync(path.join(h.dataDir, '.lock')),
      false,
      'a failed open releases the lock',
    );
    fs.rmSync(file);
    h.open();
  });

  it('stops on a file that is JSON but not a customer record', async () => {
    await h.store.close();
    const file = path.join(h.dataDir, 'customers', 'stray.json');
    fs.writeFileSync(file, JSON.stringify({ id: 'stray', companyProfile: { companyName: 'X' } }));
    assert.throws(
      () => LowdbCustomerStore.open(h.dataDir),
      /stray\.json: it is not a valid customer record/,
    );
    fs.rmSync(file);
    h.open();
  });

  it('creates a missing data directory and ignores a temporary file left by an interrupted write', async () => {
    const customer = await createOne();
    await h.store.close();
    fs.writeFileSync(path.join(h.dataDir, 'customers', `.${customer.id}.json.tmp`), '{"half":');
    h.open();
    assert.equal((await h.service.customers.operatorList()).total, 1);
    const fresh = path.join(h.dataDir, 'nested', 'new');
    const store = LowdbCustomerStore.open(fresh);
    assert.ok(fs.existsSync(path.join(fresh, 'customers')));
    await store.close();
  });

  it('refuses a second store on the same directory while the first is open', async () => {
    assert.throws(
      () => LowdbCustomerStore.open(h.dataDir),
      (e: unknown) => e instanceof DataDirInUseError && e.owner?.pid === process.pid,
    );
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { LowdbCustomerStore } = await import(${JSON.stringify(new URL('../../src/storage/lowdb/lowdbCustomerStore.js', import.meta.url).href)});
      try { LowdbCustomerStore.open(${JSON.stringify(h.dataDir)}); console.log('opened'); } catch (e) { console.log(e.name + ': ' + e.message); }
    `,
      ],
      { encoding: 'utf8' },
    );
    assert.match(child.stdout, /DataDirInUseError: DATA_DIR .* is in use by process \d+/);
  });

  it('takes over the lock of a process that died, and ignores the pid file of older versions', async () => {
    await h.store.close();
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
        encoding: 'utf8',
      }).stdout.trim(),
    );
    // Killed (no release): its lock is left, last refreshed 5 s ago, naming a pid that is gone.
    const lock = path.join(h.dataDir, '.owner.lock');
    fs.mkdirSync(lock);
    const refreshed = new Date(Date.now() - 5_000);
    fs.utimesSync(lock, refreshed, refreshed);
    fs.writeFileSync(
      path.join(h.dataDir, '.owner.json'),
      JSON.stringify({ pid: dead, host: os.hostname(), since: '2026-11-22T10:00:00Z' }),
    );
    fs.writeFileSync(path.join(h.dataDir, '.lock'), String(process.pid));
    h.open();
    assert.equal(
      (JSON.parse(fs.readFileSync(path.join(h.dataDir, '.owner.json'), 'utf8')) as { pid: number })
        .pid,
      process.pid,
    );
    assert.equal(fs.existsSync(path.join(h.dataDir, '.lock')), false, 'the old pid file is gone');
  });

  it('respects a lock another host keeps fresh, and takes one it stopped refreshing', async () => {
    await h.store.close();
    const lock = path.join(h.dataDir, '.owner.lock');
    fs.mkdirSync(lock);
    // Refreshed just now by its owner, in its owner's clock (proper-lockfile refreshes with utimes).
    fs.utimesSync(lock, new Date(), new Date());
    fs.writeFileSync(
      path.join(h.dataDir, '.owner.json'),
      JSON.stringify({ pid: process.pid, host: 'another-instance', since: '2026-11-22T10:00:00Z' }),
    );
    assert.throws(
      () => LowdbCustomerStore.open(h.dataDir),
      (e: unknown) =>
        e instanceof DataDirInUseError && /process \d+ on another-instance/.test(e.message),
    );
    // Its last refresh was longer ago than the lock lives: that host's process is gone.
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    h.open();
    assert.equal((await h.service.customers.operatorList()).total, 0);
  });

  it('says which folder cannot be used and what to do, instead of a raw file-system error', () => {
    const file = path.join(h.dataDir, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    assert.throws(
      () => LowdbCustomerStore.open(path.join(file, 'data')),
      (e: unknown) =>
        e instanceof DataDirUnusableError &&
        /DATA_DIR .*a-file\/data cannot be written \(ENOTDIR\)\. Make it a folder/.test(e.message),
    );
  });
});
