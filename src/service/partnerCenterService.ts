import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import { CustomerLookup } from './customerLookup.js';
import { CustomerService } from './customerService.js';
import { DecisionEventLog } from './decisionEvents.js';
import type {
  DecisionEvents,
  EducationServices,
  OperatorCustomers,
  PartnerCustomers,
  VettingWorkflow,
} from './educationCustomers.js';
import type { QualificationGateway } from './qualificationGateway.js';
import { QualificationPoller, type PollSettings, type PollTimers } from './qualificationPoller.js';
import { RemoteCustomers } from './remoteCustomers.js';
import { VettingService } from './vettingService.js';

export interface ServiceDependencies {
  store: CustomerStore;
  log: Logger;
  now?: Clock;
  newId?: () => string;
  /** Partner Center (api mode), and how often it is asked for decisions; without it, the local simulation. */
  partnerCenter?: { gateway: QualificationGateway; poll: PollSettings; timers?: PollTimers };
}

/**
 * The local Partner Center over a CustomerStore: the three services on one store and one event
 * log. The application hands each caller the part it needs.
 */
export class PartnerCenterService implements EducationServices {
  readonly customers: PartnerCustomers & OperatorCustomers;
  readonly vetting: VettingWorkflow;
  readonly events: DecisionEvents;
  /** Api mode: reads Microsoft's decisions from Partner Center (start and stop it with the app). */
  readonly poller: QualificationPoller | undefined;

  constructor(deps: ServiceDependencies) {
    const now = deps.now ?? systemClock;
    const newId = deps.newId ?? randomUUID;
    const events = new DecisionEventLog(deps.store, deps.log);
    const gateway = deps.partnerCenter?.gateway;
    const lookup = new CustomerLookup(
      deps.store,
      gateway && new RemoteCustomers({ store: deps.store, gateway, events, now, log: deps.log }),
    );
    // In api mode a customer in review is read from Partner Center before its status is shown.
    const readFirst = (customerId: string) => this.poller?.read(customerId) ?? Promise.resolve();
    this.customers = new CustomerService(
      deps.store,
      lookup,
      events,
      now,
      newId,
      gateway,
      readFirst,
    );
    this.vetting = new VettingService(deps.store, lookup, events, now, newId, gateway);
    this.events = events;
    this.poller = deps.partnerCenter
      ? new QualificationPoller({
          store: deps.store,
          gateway: deps.partnerCenter.gateway,
          vetting: this.vetting,
          events,
          now,
          log: deps.log,
          settings: deps.partnerCenter.poll,
          ...(deps.partnerCenter.timers ? { timers: deps.partnerCenter.timers } : {}),
        })
      : undefined;
  }
}
