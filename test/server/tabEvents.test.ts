import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Response } from 'restify';
import { localizer } from '../../src/i18n/localizer.js';
import { silentLogger } from '../../src/log.js';
import { DEFAULT_TAB_EVENT_SETTINGS, TabEventStreams } from '../../src/server/tab/tabEvents.js';
import { customerForm, globalAdmin } from '../support/fixtures.js';
import { ServiceHarness } from '../support/serviceHarness.js';

/** A response whose client reads nothing: what is written stays buffered. */
class UnreadResponse extends EventEmitter {
  writableLength = 0;
  writableEnded = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.writableLength += Buffer.byteLength(chunk);
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
}

describe('tab live events: a client that stops reading (finding 8)', () => {
  let h: ServiceHarness;
  beforeEach(() => (h = new ServiceHarness()));
  afterEach(async () => h.dispose());

  it('is dropped once its unsent data passes the limit; readers that keep up stay', async () => {
    const streams = new TabEventStreams(h.service.events, silentLogger, {
      ...DEFAULT_TAB_EVENT_SETTINGS,
      maxBufferedBytes: 2_000,
    });
    const slow = new UnreadResponse();
    const fast = new UnreadResponse();
    const i18n = localizer('en-GB');
    const owner = { tenantId: globalAdmin.tenantId, userKey: 'u' };
    const slowOpen = streams.open(slow as unknown as Response, owner, i18n);
    const fastOpen = streams.open(fast as unknown as Response, { ...owner, userKey: 'v' }, i18n);
    assert.ok(slowOpen.ok && fastOpen.ok);
    for (let i = 0; i < 12; i++) {
      const created = await h.service.customers.createCustomer(
        globalAdmin,
        customerForm({ companyName: `Contoso School ${i}`, domain: `contoso${i}` }),
      );
      assert.ok(created.ok);
      fast.writableLength = 0; // this client reads everything at once
    }
    assert.equal(slow.writableEnded, true, 'the slow reader was closed');
    assert.ok(slow.writableLength < 2_000 + 1_000, `it held ${slow.writableLength} bytes at most`);
    assert.equal(fast.writableEnded, false);
    assert.equal(streams.openStreams, 1);
    streams.close();
    await slowOpen.value;
  });

  it('refuses a stream beyond the limits per user and in all', () => {
    const streams = new TabEventStreams(h.service.events, silentLogger, {
      ...DEFAULT_TAB_EVENT_SETTINGS,
      perUser: 2,
      total: 3,
    });
    const open = (userKey: string) =>
      streams.open(
        new UnreadResponse() as unknown as Response,
        { tenantId: 't', userKey },
        localizer('en'),
      );
    assert.deepEqual(
      [open('a'), open('a'), open('a')].map((o) => o.ok),
      [true, true, false],
    );
    assert.deepEqual(
      [open('b'), open('c')].map((o) => o.ok),
      [true, false],
    );
    streams.close();
  });
});
