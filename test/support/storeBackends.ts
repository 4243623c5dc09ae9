import fs from 'node:fs';
import path from 'node:path';
import type { CustomerRecord } from '../../src/domain/customer.js';
import { silentLogger } from '../../src/log.js';
import { TableCustomerStore } from '../../src/storage/azure/tableCustomerStore.js';
import type { CustomerStore } from '../../src/storage/ports/customerStore.js';
import { LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import type { StatusChangeEvent } from '../../src/service/statusEvents.js';
import { startAzurite, type Azurite } from './azurite.js';
import { tempDir } from './temp.js';
import { testClock } from './clock.js';

/**
 * The service on each storage backend, for the contract suite: the same behaviour is asserted on
 * lowdb files and on Azure Table (Azurite). `stored` reads what is stored (the file; a second,
 * fresh Table store), not what the service's store holds in memory.
 */
export interface BackendHarness {
  service: PartnerCenterService;
  events: StatusChangeEvent[];
  stored(id: string): Promise<CustomerRecord | undefined>;
  storedCount(): Promise<number>;
  dispose(): Promise<void>;
}

interface StoreBackend {
  name: string;
  /** Once per suite (starts Azurite for the Azure backend). */
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  harness(now?: () => Date): Promise<BackendHarness>;
}

interface StoredView {
  stored(id: string): Promise<CustomerRecord | undefined>;
  storedCount(): Promise<number>;
}

function harnessOver(
  store: CustomerStore,
  view: StoredView,
  cleanUp: () => void,
  now?: () => Date,
): BackendHarness {
  const service = new PartnerCenterService({ store, log: silentLogger, now: now ?? testClock() });
  const events: StatusChangeEvent[] = [];
  service.events.onStatusChange((event) => void events.push(event));
  return {
    service,
    events,
    ...view,
    async dispose() {
      await store.close();
      cleanUp();
    },
  };
}

const lowdbBackend: StoreBackend = {
  name: 'lowdb',
  async setUp() {},
  async tearDown() {},
  async harness(now) {
    const { dir, remove } = tempDir();
    const files = path.join(dir, 'customers');
    const view: StoredView = {
      async stored(id) {
        const file = path.join(files, `${id}.json`);
        return fs.existsSync(file)
          ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CustomerRecord)
          : undefined;
      },
      async storedCount() {
        return fs.readdirSync(files).filter((f) => f.endsWith('.json')).length;
      },
    };
    return harnessOver(LowdbCustomerStore.open(dir), view, remove, now);
  },
};

let azurite: Azurite | undefined;
let tables = 0;
const azureBackend: StoreBackend = {
  name: 'Azure Table (Azurite)',
  async setUp() {
    azurite = await startAzurite();
  },
  async tearDown() {
    await azurite?.stop();
    azurite = undefined;
  },
  async harness(now) {
    if (!azurite) throw new Error('Azurite is not started');
    const connection = azurite.account;
    const tableName = `contract${++tables}`;
    const fresh = () => TableCustomerStore.open(connection, tableName);
    const view: StoredView = {
      stored: async (id) => (await fresh()).get(id),
      async storedCount() {
        let count = 0;
        for await (const _record of (await fresh()).scan()) count += 1;
        return count;
      },
    };
    return harnessOver(await fresh(), view, () => {}, now);
  },
};

export const STORE_BACKENDS = [lowdbBackend, azureBackend];
