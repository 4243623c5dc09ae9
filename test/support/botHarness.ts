import { startTestApp } from './appHarness.js';
import { ChatClient, type ChatUser } from './chatClient.js';
import { ConnectorStub } from './connectorStub.js';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** The real app plus a connector stub; chats in any language. */
export class BotHarness {
  private constructor(
    public app: App,
    readonly connector: ConnectorStub,
  ) {}

  static async start(options: Parameters<typeof startTestApp>[0] = {}): Promise<BotHarness> {
    const connector = await new ConnectorStub().start();
    return new BotHarness(await startTestApp(options), connector);
  }

  chat(options: { locale?: string; user?: ChatUser; tenantId?: string; channelId?: string } = {}): ChatClient {
    return new ChatClient(this.app.url, this.connector, options);
  }

  async dispose(): Promise<void> {
    await this.app.dispose();
    await this.connector.stop();
  }
}

/** The values a partner types on each step, for a US school the simulated reviewer approves. */
export const ORGANISATION = { companyName: 'Contoso Elementary School', educationSegment: 'K12', website: 'https://www.contoso.edu', email: 'ann.lee@contoso.edu', domain: 'contosoelementary' };
export const ADDRESS = { country: 'US', addressLine1: '1 Microsoft Way', addressLine2: '', city: 'Redmond', state: 'WA', postalCode: '98052', organizationRegistrationNumber: '', phoneNumber: '+1 425 555 0100' };
export const CONTACT = { firstName: 'Ann', lastName: 'Lee', mcaSignerName: 'Ann Lee', mcaSignerEmail: 'ann.lee@contoso.edu', mcaDateAgreed: '2026-11-01' };
