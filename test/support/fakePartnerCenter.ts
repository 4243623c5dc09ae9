import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/log.js';
import { PartnerCenterApi } from '../../src/partnerCenter/partnerCenterApi.js';
import {
  PartnerCenterClient,
  type ClientSettings,
} from '../../src/partnerCenter/partnerCenterClient.js';
import {
  httpTokenEndpoint,
  RefreshTokenCredential,
  type RefreshTokenStore,
} from '../../src/partnerCenter/refreshToken.js';

/**
 * A stand-in for Partner Center and its token endpoint on loopback, following the documented
 * contract (../shared/partner-center-api.md; §9 lists what a fake should do). What no source
 * settles is marked "assumed" where it is chosen. Tests read what it was asked (`calls`) and
 * what it holds (`customers`), decide reviews (`decide`) and inject faults (`inject`).
 */

export interface FakeOptions {
  /** Seconds an access token lives. */
  tokenSeconds?: number;
  /** The refresh token the partner's consent gave. */
  refreshToken?: string;
  /** How the qualification answers look: the docs' bare array and `vettingCreatedDate`, or the swagger's wrapper and `vettingCreateDate`. */
  shapes?: 'docs' | 'swagger';
  /** Customers in pages of this many. */
  pageSize?: number;
  /** How long each API call takes to answer. */
  latencyMs?: number;
}

export interface FakeCall {
  method: string;
  path: string;
  requestId: string | undefined;
  correlationId: string | undefined;
  status: number;
  /** The app (client id) whose token made the call: which instance, when each has its own. */
  client?: string;
  /** When it was answered (ms since the epoch). */
  at?: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface FakeCustomer {
  id: string;
  domain: string;
  billing: Record<string, unknown> & { attributes: { etag: string; objectType?: string } };
  agreements: Record<string, unknown>[];
  /** Education requests made, and the last state. */
  requests: number;
  qualification?: {
    vettingStatus: string;
    vettingReason?: string;
    vettingCreateDate: string;
    educationSegment?: string;
  };
}

/** A customer someone made in the portal, outside the bot. */
export interface PortalCustomer {
  companyName: string;
  domain: string;
  country?: string;
  /** Its Education review, when one was asked for. */
  review?: { status: 'InReview' | 'Approved' | 'Denied'; reason?: string; segment?: string };
  /** The agreement's primary contact, when it was confirmed. */
  signer?: { firstName: string; lastName: string; email: string };
}

/** A fault for the next call that matches: answered instead of the call, or after it. */
export type Fault =
  | { kind: 'status'; status: 429 | 503; retryAfter?: number }
  /** A refusal with Partner Center's error body (600006: "The requested action is not allowed"). */
  | { kind: 'refuse'; status: 400 | 403 | 412; code: number; description: string }
  /** The call is carried out, then the connection is dropped before the answer. */
  | { kind: 'dropAfter' }
  /** The call waits until `release()`, then is carried out. */
  | { kind: 'hold' };

// The countries whose customers need an organisation registration number and a phone (§3.4, 2021 list).
const REGISTRATION_COUNTRIES = new Set(
  'AM AZ BY HU KZ KG MD RU TJ UZ UA BR IN ZA PL AE SA TR TH VN MM IQ SS VE'.split(' '),
);
export const MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';

export class FakePartnerCenter {
  readonly calls: FakeCall[] = [];
  readonly customers = new Map<string, FakeCustomer>();
  /** Refresh tokens that may still be exchanged, and how many exchanges there were. */
  readonly refreshTokens = new Set<string>();
  tokenExchanges = 0;
  /** Device codes given, and how often each was polled. */
  private readonly deviceCodes = new Map<string, number>();
  /** The most API calls it was answering at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly accessTokens = new Map<string, { expiresAt: number; client: string }>();
  private readonly replies = new Map<string, Reply>();
  private readonly faults: { match: (method: string, path: string) => boolean; fault: Fault }[] =
    [];
  private held: (() => void)[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: Required<FakeOptions>,
  ) {
    this.refreshTokens.add(options.refreshToken);
  }

  static async start(options: FakeOptions = {}): Promise<FakePartnerCenter> {
    const settings: Required<FakeOptions> = {
      tokenSeconds: 3600,
      refreshToken: 'consented-refresh-token',
      shapes: 'docs',
      pageSize: 2,
      latencyMs: 0,
      ...options,
    };
    // eslint-disable-next-line prefer-const -- set once listening; the handler reads it
    let fake: FakePartnerCenter | undefined;
    const server = http.createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakePartnerCenter(server, `http://127.0.0.1:${port}`, settings);
    return fake;
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The next call whose method and path match gets this fault. */
  inject(method: string, pathPrefix: string, fault: Fault): void {
    this.injectWhere(method, (path) => path.startsWith(pathPrefix), fault);
  }

  /** The next call of this method whose path passes `matches` gets this fault. */
  injectWhere(method: string, matches: (path: string) => boolean, fault: Fault): void {
    this.faults.push({ match: (m, p) => m === method && matches(p), fault });
  }

  /** Lets every held call go on. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Microsoft decides a review. */
  decide(customerId: string, vettingStatus: 'Approved' | 'Denied', vettingReason?: string): void {
    const customer = this.customers.get(customerId);
    if (!customer?.qualification) throw new Error(`no review for ${customerId}`);
    customer.qualification = {
      ...customer.qualification,
      vettingStatus,
      ...(vettingReason ? { vettingReason } : {}),
    };
  }

  /** Someone makes a customer in the portal (never through the bot): its id. */
  addPortalCustomer(portal: PortalCustomer): string {
    const id = randomUUID();
    this.customers.set(id, {
      id,
      domain: portal.domain,
      billing: {
        id: randomUUID(),
        companyName: portal.companyName,
        email: `admin@${portal.domain}`,
        culture: 'en-US',
        language: 'en',
        firstName: 'Pat',
        lastName: 'Portal',
        defaultAddress: {
          addressLine1: '1 Portal Way',
          city: 'Redmond',
          state: 'WA',
          postalCode: '98052',
          country: portal.country ?? 'US',
        },
        attributes: { etag: randomUUID(), objectType: 'CustomerBillingProfile' },
      },
      agreements: portal.signer
        ? [
            {
              primaryContact: portal.signer,
              templateId: MCA_TEMPLATE_ID,
              dateAgreed: '2026-03-02T00:00:00Z',
              type: 'MicrosoftCustomerAgreement',
            },
          ]
        : [],
      requests: portal.review ? 1 : 0,
      ...(portal.review
        ? {
            qualification: {
              vettingStatus: portal.review.status,
              ...(portal.review.reason ? { vettingReason: portal.review.reason } : {}),
              ...(portal.review.segment ? { educationSegment: portal.review.segment } : {}),
              // Written without a zone, as some of Partner Center's dates are.
              vettingCreateDate: '2026-03-02T10:00:00',
            },
          }
        : {}),
    });
    return id;
  }

  /** Someone changes the billing profile in the portal: its etag changes. */
  touchBillingProfile(customerId: string): void {
    const customer = this.customers.get(customerId)!;
    customer.billing.attributes.etag = randomUUID();
  }

  /** Every access token given so far stops working (as when a session is revoked). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** Calls to a path, by method (query left out). */
  callsTo(method: string, pathPrefix: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix));
  }

  /** Answers one request; true once it is answered (false when the connection was dropped). */
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const requestId = header(req, 'ms-requestid');
    const correlationId = header(req, 'ms-correlationid');
    const body = await readJson(req);
    // Known once the token is checked: the lines below fill it in for the call's record.
    const caller: { client?: string } = {};
    const answer = (
      status: number,
      payload?: unknown,
      headers: Record<string, string> = {},
    ): true => {
      this.calls.push({
        method,
        path: url.pathname,
        requestId,
        correlationId,
        status,
        ...(caller.client ? { client: caller.client } : {}),
        at: Date.now(),
      });
      res.writeHead(status, {
        ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...(requestId ? { 'ms-requestid': requestId } : {}),
        ...(correlationId ? { 'ms-correlationid': correlationId } : {}),
        ...headers,
      });
      res.end(payload === undefined || method === 'HEAD' ? undefined : JSON.stringify(payload));
      return true;
    };

    if (url.pathname.endsWith('/oauth2/v2.0/devicecode') && method === 'POST') {
      this.deviceCodes.set(`device-${randomUUID()}`, 0);
      const [deviceCode] = [...this.deviceCodes.keys()].slice(-1);
      return answer(200, {
        device_code: deviceCode,
        user_code: 'FAKE-CODE',
        verification_uri: 'https://microsoft.com/devicelogin',
        expires_in: 120,
        interval: 1,
        message: 'To sign in, open https://microsoft.com/devicelogin and enter the code FAKE-CODE.',
      });
    }
    if (url.pathname.endsWith('/oauth2/v2.0/token') && method === 'POST') {
      return this.token(new URLSearchParams(typeof body === 'string' ? body : ''), answer);
    }
    const token = /^Bearer (.+)$/.exec(header(req, 'authorization') ?? '')?.[1];
    const issued = token ? this.accessTokens.get(token) : undefined;
    if (issued === undefined || issued.expiresAt < Date.now())
      return answer(401, { code: 'Unauthorized', description: 'token expired or unknown' });
    caller.client = issued.client;

    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.options.latencyMs)
        await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
      return await this.answerCall(req, method, url, body, answer);
    } finally {
      this.inFlight--;
    }
  }

  private async answerCall(
    req: http.IncomingMessage,
    method: string,
    url: URL,
    body: unknown,
    answer: (status: number, payload?: unknown, headers?: Record<string, string>) => true,
  ): Promise<boolean> {
    const requestId = header(req, 'ms-requestid');
    const correlationId = header(req, 'ms-correlationid');
    const faultAt = this.faults.findIndex((f) => f.match(method, url.pathname));
    const fault = faultAt >= 0 ? this.faults.splice(faultAt, 1)[0]!.fault : undefined;
    if (fault?.kind === 'status') {
      const retryAfter = fault.retryAfter ?? 1;
      return fault.status === 429
        ? answer(
            429,
            {
              statusCode: 429,
              message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
            },
            { 'retry-after': String(retryAfter) },
          )
        : answer(503, { code: 503, description: 'Service unavailable' });
    }
    if (fault?.kind === 'refuse')
      return answer(fault.status, { code: fault.code, description: fault.description });
    if (fault?.kind === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));

    // MS-RequestId: the same write asked again gets the first answer (§1.2, §3.4).
    const replayKey =
      requestId && method !== 'GET' && method !== 'HEAD'
        ? `${method} ${url.pathname} ${requestId}`
        : undefined;
    const replay = replayKey ? this.replies.get(replayKey) : undefined;
    const result = replay ?? this.route(method, url, body, header(req, 'if-match'));
    if (replayKey && !replay && result.status < 500) this.replies.set(replayKey, result);
    if (fault?.kind === 'dropAfter') {
      this.calls.push({ method, path: url.pathname, requestId, correlationId, status: 0 });
      req.socket.destroy();
      return false;
    }
    return answer(result.status, result.body, result.headers);
  }

  private token(form: URLSearchParams, answer: (status: number, body?: unknown) => true): true {
    this.tokenExchanges++;
    const deviceCode = form.get('device_code');
    if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code' && deviceCode) {
      const polls = this.deviceCodes.get(deviceCode);
      if (polls === undefined) return answer(400, { error: 'expired_token' });
      // The partner user signs in between the first poll and the second.
      this.deviceCodes.set(deviceCode, polls + 1);
      if (polls === 0) return answer(400, { error: 'authorization_pending' });
      this.deviceCodes.delete(deviceCode);
      return this.issueTokens(answer, form.get('client_id') ?? '');
    }
    const refresh = form.get('refresh_token') ?? '';
    if (form.get('grant_type') !== 'refresh_token' || !this.refreshTokens.has(refresh))
      return answer(400, {
        error: 'invalid_grant',
        error_description: 'AADSTS70000: spent or unknown',
      });
    // Each exchange rotates the refresh token; the spent one is refused from now on (the strictest reading).
    this.refreshTokens.delete(refresh);
    return this.issueTokens(answer, form.get('client_id') ?? '');
  }

  private issueTokens(answer: (status: number, body?: unknown) => true, client: string): true {
    const next = `refresh-${randomUUID()}`;
    this.refreshTokens.add(next);
    const access = `access-${randomUUID()}`;
    this.accessTokens.set(access, {
      expiresAt: Date.now() + this.options.tokenSeconds * 1000,
      client,
    });
    return answer(200, {
      token_type: 'Bearer',
      expires_in: this.options.tokenSeconds,
      access_token: access,
      refresh_token: next,
      scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
    });
  }

  private route(method: string, url: URL, body: unknown, ifMatch: string | undefined): Reply {
    const path = url.pathname;
    const domain = /^\/v1\/domains\/([^/]+)$/.exec(path)?.[1];
    if (domain && method === 'HEAD')
      return { status: this.byDomain(decodeURIComponent(domain)) ? 200 : 404 };
    if (path === '/v1/customers' && method === 'POST') return this.createCustomer(body);
    if (path === '/v1/customers' && method === 'GET') return this.search(url);
    if (path === '/v1/agreements' && method === 'GET')
      return {
        status: 200,
        body: {
          totalCount: 1,
          items: [
            {
              templateId: MCA_TEMPLATE_ID,
              agreementType: 'MicrosoftCustomerAgreement',
              agreementLink: 'https://aka.ms/customeragreement',
              versionRank: 0,
            },
          ],
          attributes: { objectType: 'Collection' },
        },
      };
    const [, id, rest] = /^\/v1\/customers\/([^/]+)(?:\/(.+))?$/.exec(path) ?? [];
    const customer = id ? this.customers.get(decodeURIComponent(id)) : undefined;
    if (!customer)
      return { status: 404, body: { code: 600013, description: 'Customer not found' } };
    if (rest === undefined && method === 'GET')
      return { status: 200, body: this.customerBody(customer) };
    if (rest === 'agreements' && method === 'GET')
      return {
        status: 200,
        body: {
          totalCount: customer.agreements.length,
          items: customer.agreements,
          attributes: { objectType: 'Collection' },
        },
      };
    if (rest === 'agreements' && method === 'POST') return this.agreement(customer, body);
    if (rest === 'qualifications' && method === 'POST') return this.qualify(customer, body);
    if (rest === 'qualifications' && method === 'GET') return this.qualifications(customer);
    if (rest === 'profiles/billing' && method === 'GET')
      return { status: 200, body: customer.billing };
    if (rest === 'profiles/billing' && method === 'PUT')
      return this.updateBilling(customer, body, ifMatch);
    return { status: 404, body: { code: 404, description: `no route ${method} ${path}` } };
  }

  /** A PUT of the whole profile, guarded by its etag (§11.2; 412 on a stale one is assumed). */
  private updateBilling(customer: FakeCustomer, body: unknown, ifMatch: string | undefined) {
    if (ifMatch !== `"${customer.billing.attributes.etag}"`)
      return { status: 412, body: { code: 412, description: 'Precondition failed' } };
    const profile = body as Record<string, unknown>;
    if (!profile.companyName || !profile.defaultAddress)
      return { status: 400, body: { code: 3000, description: 'Invalid property' } };
    customer.billing = { ...profile, id: customer.billing.id, attributes: { etag: randomUUID() } };
    return { status: 200, body: customer.billing };
  }

  private byDomain(domain: string): FakeCustomer | undefined {
    return [...this.customers.values()].find(
      (c) => c.domain.toLowerCase() === domain.toLowerCase(),
    );
  }

  private createCustomer(body: unknown) {
    const input = body as {
      companyProfile?: { domain?: string; organizationRegistrationNumber?: string };
      billingProfile?: Record<string, unknown> & {
        email?: string;
        companyName?: string;
        defaultAddress?: Record<string, unknown> & { country?: string; phoneNumber?: string };
      };
    };
    const domain = input.companyProfile?.domain;
    const billing = input.billingProfile;
    const address = billing?.defaultAddress;
    if (
      !domain ||
      !billing?.email ||
      !billing.companyName ||
      !address?.country ||
      !address.addressLine1
    )
      return { status: 400, body: { code: 3000, description: 'Invalid property' } };
    if (REGISTRATION_COUNTRIES.has(address.country)) {
      if (!input.companyProfile?.organizationRegistrationNumber)
        return {
          status: 400,
          body: {
            code: 600049,
            description: 'Organization registration ID information is missing',
          },
        };
      if (!address.phoneNumber)
        return {
          status: 400,
          body: { code: 600051, description: 'Customer phone number is missing' },
        };
    }
    // Assumed: no source gives the status for a taken domain (§3.4); the SDK maps 409 to AlreadyExists.
    if (this.byDomain(domain))
      return { status: 409, body: { code: 409, description: 'Domain already exists' } };
    const id = randomUUID();
    const customer: FakeCustomer = {
      id,
      domain,
      billing: {
        id: randomUUID(),
        ...billing,
        attributes: { etag: randomUUID(), objectType: 'CustomerBillingProfile' },
      },
      agreements: [],
      requests: 0,
    };
    this.customers.set(id, customer);
    return { status: 201, body: this.customerBody(customer) };
  }

  private customerBody(customer: FakeCustomer) {
    return {
      id: customer.id,
      commerceId: randomUUID(),
      companyProfile: {
        tenantId: customer.id,
        domain: customer.domain,
        companyName: customer.billing.companyName,
        attributes: { objectType: 'CustomerCompanyProfile' },
      },
      billingProfile: customer.billing,
      relationshipToPartner: 'reseller',
      allowDelegatedAccess: true,
      attributes: { objectType: 'Customer' },
    };
  }

  private agreement(customer: FakeCustomer, body: unknown) {
    const input = body as {
      primaryContact?: Record<string, unknown>;
      templateId?: string;
      type?: string;
    };
    if (
      input.templateId !== MCA_TEMPLATE_ID ||
      input.type !== 'MicrosoftCustomerAgreement' ||
      !input.primaryContact
    )
      return { status: 400, body: { code: 3000, description: 'Invalid agreement' } };
    const same = customer.agreements.some(
      (a) => JSON.stringify(a.primaryContact) === JSON.stringify(input.primaryContact),
    );
    if (same)
      return {
        status: 400,
        body: {
          code: 600061,
          errorName: 'PartnerConfirmedAgreementAlreadyExists',
          message: 'A partner confirmed agreement already exists for the customer.',
        },
      };
    const agreement = { ...input, userId: randomUUID(), attributes: { objectType: 'Agreement' } };
    customer.agreements.push(agreement);
    return { status: 201, body: agreement };
  }

  private qualify(customer: FakeCustomer, body: unknown) {
    const input = body as { qualification?: string; educationSegment?: string };
    if (
      input.qualification !== 'Education' ||
      !['K12', 'HigherEducation'].includes(input.educationSegment ?? '')
    )
      return { status: 400, body: { code: 3000, description: 'educationSegment is required' } };
    // Assumed (§4.5): a new request only after a denial, three in all.
    if (customer.qualification && customer.qualification.vettingStatus !== 'Denied')
      return { status: 409, body: { code: 409, description: 'A review is under way or done' } };
    if (customer.requests >= 3)
      return { status: 400, body: { code: 3000, description: 'Verification limit reached' } };
    customer.requests++;
    customer.qualification = {
      vettingStatus: 'InReview',
      vettingCreateDate: new Date().toISOString(),
      educationSegment: input.educationSegment!,
    };
    const item = this.qualificationItem(customer);
    return this.options.shapes === 'docs'
      ? { status: 201, body: item }
      : { status: 200, body: { qualifications: [item] } };
  }

  private qualifications(customer: FakeCustomer) {
    const items = customer.qualification ? [this.qualificationItem(customer)] : [];
    return {
      status: 200,
      body: this.options.shapes === 'docs' ? items : { qualifications: items },
    };
  }

  private qualificationItem(customer: FakeCustomer) {
    const { vettingStatus, vettingReason, vettingCreateDate, educationSegment } =
      customer.qualification!;
    const dateKey = this.options.shapes === 'docs' ? 'vettingCreatedDate' : 'vettingCreateDate';
    return {
      qualification: 'Education',
      // Not confirmed that a read echoes the segment (§4.2): the swagger's shape does, the docs' not.
      ...(educationSegment && this.options.shapes === 'swagger' ? { educationSegment } : {}),
      vettingStatus,
      ...(vettingReason ? { vettingReason } : {}),
      [dateKey]: vettingCreateDate,
    };
  }

  private search(url: URL) {
    const filter = JSON.parse(url.searchParams.get('filter') ?? '{}') as {
      Field?: string;
      Value?: string;
    };
    const value = (filter.Value ?? '').toLowerCase();
    const matches = [...this.customers.values()].filter((c) =>
      (filter.Field === 'Domain' ? c.domain : String(c.billing.companyName))
        .toLowerCase()
        .startsWith(value),
    );
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = matches.slice(offset, offset + this.options.pageSize);
    const more = offset + this.options.pageSize < matches.length;
    const next = new URLSearchParams(url.searchParams);
    next.set('offset', String(offset + this.options.pageSize));
    next.set('seekOperation', 'next');
    return {
      status: 200,
      body: {
        totalCount: matches.length,
        items: page.map((c) => this.customerBody(c)),
        links: more
          ? {
              next: {
                uri: `/v1/customers?${next.toString()}`,
                method: 'GET',
                headers: [{ key: 'MS-ContinuationToken', value: `continue-${offset}` }],
              },
            }
          : {},
        attributes: { objectType: 'Collection' },
      },
    };
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A refresh-token store in memory, whose `token` a test reads. */
export const memoryStore = (): RefreshTokenStore & { token: string | undefined } => {
  const store = {
    token: undefined as string | undefined,
    read: () => Promise.resolve(store.token),
    write: (token: string) => {
      store.token = token;
      return Promise.resolve();
    },
  };
  return store;
};

/** The adapter's API connected to a fake, with test-sized retries (`settings` override them). */
export function partnerCenterApiFor(
  fake: Pick<FakePartnerCenter, 'url'>,
  options: {
    settings?: Partial<ClientSettings>;
    store?: RefreshTokenStore;
    refreshToken?: string;
  } = {},
): PartnerCenterApi {
  const credential = new RefreshTokenCredential(
    {
      authorityHost: fake.url,
      tenantId: 'partner-tenant',
      clientId: 'app-id',
      clientSecret: 'app-secret',
      refreshToken: options.refreshToken ?? 'consented-refresh-token',
    },
    options.store ?? memoryStore(),
    httpTokenEndpoint,
  );
  const client = new PartnerCenterClient(
    {
      baseUrl: fake.url,
      limits: { concurrency: 4, perSecond: 100, maxQueued: 100, maxWaitMs: 10_000 },
      deadlineMs: 5_000,
      maxAttempts: 4,
      maxRetryAfterSeconds: 5,
      backoffMs: 20,
      ...options.settings,
    },
    credential,
    silentLogger,
  );
  return new PartnerCenterApi(client);
}
