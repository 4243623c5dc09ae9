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
import { VettingService } from './vettingService.js';

export interface ServiceDependencies {
  store: CustomerStore;
  log: Logger;
  now?: Clock;
  newId?: () => string;
  /** Partner Center (api mode); without it, the local simulation makes customers. */
  gateway?: QualificationGateway;
}

/**
 * The local Partner Center over a CustomerStore: the three services on one store and one event
 * log. The application hands each caller the part it needs; this object is all of them.
 */
export class PartnerCenterService implements EducationCustomers {
  readonly customers: PartnerCustomers & OperatorCustomers;
  readonly vetting: VettingWorkflow;
  readonly events: DecisionEvents;

  constructor(deps: ServiceDependencies) {
    const now = deps.now ?? systemClock;
    const newId = deps.newId ?? randomUUID;
    const lookup = new CustomerLookup(deps.store);
    const events = new DecisionEventLog(deps.store, deps.log);
    this.customers = new CustomerService(deps.store, lookup, events, now, newId, deps.gateway);
    this.vetting = new VettingService(deps.store, lookup, events, now, newId);
    this.events = events;
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
  getQualificationStatus: PartnerCustomers['getQualificationStatus'] = (...args) =>
    this.customers.getQualificationStatus(...args);
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
