import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../domain/clock.js';
import type { Logger } from '../log.js';
import type { CustomerStore } from '../storage/ports/customerStore.js';
import { CustomerLookup } from './customerLookup.js';
import { CustomerService } from './customerService.js';
import { DecisionEventLog } from './decisionEvents.js';
import type {
  DecisionEvents,
  EducationCustomers,
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
 * log. The application hands each caller the part it needs; this object is all of them.
 */
export class PartnerCenterService implements EducationCustomers {
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
    this.customers = new CustomerService(deps.store, lookup, events, now, newId, gateway);
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

  // One line each: the whole service, for wiring and tests.
  createCustomer: PartnerCustomers['createCustomer'] = (...args) =>
    this.customers.createCustomer(...args);
  validateDraft: PartnerCustomers['validateDraft'] = (...args) =>
    this.customers.validateDraft(...args);
  suggestDomainPrefix: PartnerCustomers['suggestDomainPrefix'] = (...args) =>
    this.customers.suggestDomainPrefix(...args);
  getCustomer: PartnerCustomers['getCustomer'] = (...args) => this.customers.getCustomer(...args);
  findCustomers: PartnerCustomers['findCustomers'] = (...args) =>
    this.customers.findCustomers(...args);
  listCustomers: PartnerCustomers['listCustomers'] = (...args) =>
    this.customers.listCustomers(...args);
  /** In api mode a customer in review is read from Partner Center first: the card shows the truth. */
  getQualificationStatus: PartnerCustomers['getQualificationStatus'] = async (user, idOrDomain) => {
    if (this.poller) {
      const found = await this.customers.getCustomer(user, idOrDomain);
      if (found.ok && found.value.qualification.vettingStatus === 'InReview')
        await this.poller.read(found.value.id);
    }
    return this.customers.getQualificationStatus(user, idOrDomain);
  };
  overview: PartnerCustomers['overview'] = (...args) => this.customers.overview(...args);
  purchaseOptions: PartnerCustomers['purchaseOptions'] = (...args) =>
    this.customers.purchaseOptions(...args);
  operatorGet: OperatorCustomers['operatorGet'] = (...args) => this.customers.operatorGet(...args);
  operatorList: OperatorCustomers['operatorList'] = (...args) =>
    this.customers.operatorList(...args);
  resubmit: VettingWorkflow['resubmit'] = (...args) => this.vetting.resubmit(...args);
  decide: VettingWorkflow['decide'] = (...args) => this.vetting.decide(...args);
  onStatusChange: DecisionEvents['onStatusChange'] = (...args) =>
    this.events.onStatusChange(...args);
  pendingDecisionEvents: DecisionEvents['pendingDecisionEvents'] = (...args) =>
    this.events.pendingDecisionEvents(...args);
  acknowledgeEvent: DecisionEvents['acknowledgeEvent'] = (...args) =>
    this.events.acknowledgeEvent(...args);
}
