import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../src/domain/clock.js';
import type { CustomerRecord } from '../../src/domain/customer.js';
import { silentLogger } from '../../src/log.js';
import { LowdbCustomerStore } from '../../src/storage/lowdb/lowdbCustomerStore.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import type { StatusChangeEvent } from '../../src/service/statusEvents.js';
import { testClock } from './clock.js';
import { tempDir } from './temp.js';

/** A real service on a real lowdb directory, reopenable to simulate a restart. */
export class ServiceHarness {
  readonly dataDir: string;
  readonly removeDir: () => void;
  store!: LowdbCustomerStore;
  service!: PartnerCenterService;
  readonly events: StatusChangeEvent[] = [];

  constructor(readonly clock: Clock = testClock()) {
    const { dir, remove } = tempDir();
    this.dataDir = dir;
    this.removeDir = remove;
    this.open();
  }

  open(): void {
    this.store = LowdbCustomerStore.open(this.dataDir);
    this.service = new PartnerCenterService({
      store: this.store,
      log: silentLogger,
      now: this.clock,
    });
    this.service.events.onStatusChange((event) => void this.events.push(event));
  }

  async restart(): Promise<void> {
    await this.store.close();
    this.open();
  }

  async dispose(): Promise<void> {
    await this.store.close();
    this.removeDir();
  }

  customerFile(id: string): string {
    return path.join(this.dataDir, 'customers', `${id}.json`);
  }

  /** The record as stored on disk, not as held in memory. */
  onDisk(id: string): CustomerRecord {
    return JSON.parse(fs.readFileSync(this.customerFile(id), 'utf8')) as CustomerRecord;
  }

  filesOnDisk(): string[] {
    return fs.readdirSync(path.join(this.dataDir, 'customers')).filter((f) => f.endsWith('.json'));
  }
}
