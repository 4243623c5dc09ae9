import {
  PrivateConversationState,
  TestAdapter,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { EducationBot } from '../../src/bot/educationBot.js';
import { PartnerUserDirectory } from '../../src/bot/identity.js';
import { incomingActivitySchema } from '../../src/bot/incomingActivity.js';
import { ConversationDirectory } from '../../src/bot/conversations.js';
import type { Clock } from '../../src/domain/clock.js';
import { silentLogger } from '../../src/log.js';
import { PartnerCenterService } from '../../src/service/partnerCenterService.js';
import { openLowdbBackend } from '../../src/storage/lowdb/lowdbBackend.js';
import type { StorageBackend } from '../../src/storage/ports/storageBackend.js';
import { testClock } from './clock.js';
import { tempDir } from './temp.js';

/** What one turn did: the messages it sent, the messages it changed, and an invoke's answer. */
export interface TurnResult {
  sent: Partial<Activity>[];
  updated: Partial<Activity>[];
  invokeResponse?: { status: number; body: unknown };
  /** How often the turn read and wrote the conversation's bot state. */
  state: { reads: number; writes: number };
}

/** botbuilder's TestAdapter, keeping every send and update of the turn (its queue drops updates). */
class RecordingAdapter extends TestAdapter {
  sent: Partial<Activity>[] = [];
  updated: Partial<Activity>[] = [];
  private ids = 0;

  override sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    return Promise.resolve(
      activities.map((activity) => {
        const id = `sent-${++this.ids}`;
        this.sent.push({ ...activity, id });
        return { id };
      }),
    );
  }

  override updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updated.push(activity);
    return Promise.resolve();
  }
}

/**
 * The bot's turns in process, without HTTP (as Agents-for-js tests with its test adapter): the
 * real EducationBot, service and lowdb storage in a temporary folder, and botbuilder's
 * TestAdapter in place of the connector. A development Global admin acts.
 */
export class TurnHarness {
  private constructor(
    private readonly adapter: RecordingAdapter,
    private readonly storage: StorageBackend,
    private readonly removeDir: () => void,
    readonly service: PartnerCenterService,
    private readonly state: { reads: number; writes: number },
  ) {}

  static async start(clock: Clock = testClock()): Promise<TurnHarness> {
    const work = tempDir('turns-');
    const storage = await openLowdbBackend(work.dir, silentLogger, clock);
    const service = new PartnerCenterService({
      store: storage.customers,
      log: silentLogger,
      now: clock,
    });
    // The bot state's calls are counted, per turn.
    const state = { reads: 0, writes: 0 };
    const bot = new EducationBot({
      customers: service.customers,
      vetting: service.vetting,
      directory: new PartnerUserDirectory(
        { partners: [] },
        { role: 'GlobalAdmin', partnerType: 'IndirectProvider' },
      ),
      conversations: new ConversationDirectory(storage.conversations, clock),
      formState: new PrivateConversationState({
        read: (keys) => (state.reads++, storage.botState.read(keys)),
        write: (changes) => (state.writes++, storage.botState.write(changes)),
        delete: (keys) => storage.botState.delete(keys),
      }),
      now: clock,
    });
    // The HTTP edge parses the envelope; here the test's activity goes through the same schema.
    const adapter = new RecordingAdapter((context) =>
      bot.run(context, incomingActivitySchema.parse(context.activity), silentLogger),
    );
    return new TurnHarness(adapter, storage, work.remove, service, state);
  }

  /** One activity through the bot: what it sent, what it changed, an invoke's answer. */
  async turn(activity: Partial<Activity>): Promise<TurnResult> {
    this.adapter.sent = [];
    this.adapter.updated = [];
    this.state.reads = 0;
    this.state.writes = 0;
    await this.adapter.processActivity({
      channelId: 'msteams',
      locale: 'en-US',
      from: { id: 'user-1', name: 'Ann Lee', aadObjectId: 'aad-ann' },
      conversation: { id: 'conv-1', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      ...activity,
    } as Activity);
    const answer = this.adapter.sent.find((a) => a.type === 'invokeResponse');
    return {
      sent: this.adapter.sent.filter((a) => a.type !== 'invokeResponse'),
      updated: this.adapter.updated,
      ...(answer ? { invokeResponse: answer.value as TurnResult['invokeResponse'] } : {}),
      state: { ...this.state },
    };
  }

  say(text: string, activity: Partial<Activity> = {}): Promise<TurnResult> {
    return this.turn({ type: 'message', text, ...activity });
  }

  /** An Action.Execute pressed on the card in message `cardId`. */
  execute(cardId: string, verb: string, data: object, activity: Partial<Activity> = {}) {
    return this.turn({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      ...activity,
    });
  }

  async dispose(): Promise<void> {
    await this.storage.close();
    this.removeDir();
  }
}

/** The card of a sent message, or of an invoke's answer. */
export const cardOf = (activity: Partial<Activity> | undefined): unknown =>
  (activity?.attachments?.[0] as { content?: unknown } | undefined)?.content;
