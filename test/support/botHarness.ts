import { startTestApp, type TestApp, type TestAppOptions } from './appHarness.js';
import { ChatClient, type ChatOptions } from './chatClient.js';
import { ConnectorStub } from './connectorStub.js';

/** The real app plus a connector stub; chats in any language. */
export class BotHarness {
  private constructor(
    public app: TestApp,
    readonly connector: ConnectorStub,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<BotHarness> {
    const connector = await new ConnectorStub().start();
    return new BotHarness(await startTestApp(options), connector);
  }

  /** A process restart on the same data; chats keep working against the new process. */
  async restart(): Promise<void> {
    this.app = await this.app.restart();
  }

  chat(options: Omit<ChatOptions, 'clock'> = {}): ChatClient {
    return new ChatClient(() => this.app.url, this.connector, {
      ...options,
      clock: this.app.clock,
    });
  }

  async dispose(): Promise<void> {
    await this.app.dispose();
    await this.connector.stop();
  }
}

/** The values a partner types on each step, for a US school the simulated reviewer approves. */
export const ORGANISATION = {
  companyName: 'Contoso Elementary School',
  educationSegment: 'K12',
  website: 'https://www.contoso.edu',
  email: 'ann.lee@contoso.edu',
  domain: 'contosoelementary',
  country: 'US',
};
export const ADDRESS = {
  addressLine1: '1 Microsoft Way',
  addressLine2: '',
  city: 'Redmond',
  state: 'WA',
  postalCode: '98052',
  organizationRegistrationNumber: '',
  phoneNumber: '+1 425 555 0100',
};
export const CONTACT = {
  firstName: 'Ann',
  lastName: 'Lee',
  mcaSignerName: 'Ann Lee',
  mcaSignerEmail: 'ann.lee@contoso.edu',
  mcaDateAgreed: '2026-11-01',
};
