import { CUSTOMER_SECTIONS, type CustomerSection } from '../../src/domain/fields.js';
import { customerForm } from './fixtures.js';
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
    try {
      return new BotHarness(await startTestApp(options), connector);
    } catch (error) {
      // An app that refuses to start leaves nothing listening.
      await connector.stop();
      throw error;
    }
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

/** The values a partner types on each step: the fixtures' US school, split by the form's steps. */
const stepValues = (section: CustomerSection): Record<string, string> => {
  const form = customerForm() as Record<string, string>;
  return Object.fromEntries(CUSTOMER_SECTIONS[section].map((field) => [field, form[field] ?? '']));
};
export const ORGANISATION = stepValues('organisation');
export const ADDRESS = stepValues('address');
export const CONTACT = stepValues('contact');
