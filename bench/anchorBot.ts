import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  UserState,
} from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';

/**
 * The anchor of `npm run bench:turn`: the cheapest dialog bot a Bot Framework engineer would
 * write on the same botbuilder and restify: an empty 5-step waterfall with conversation and user
 * state in memory, replying with one text per step. Emulator mode (no credentials), loopback.
 */

const storage = new MemoryStorage();
const conversationState = new ConversationState(storage);
const userState = new UserState(storage);
const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
const turns = userState.createProperty<number>('turns');
const step = (n: number) => async (step: WaterfallStepContext) => {
  await step.context.sendActivity(`Step ${n} of 5`);
  return n === 5 ? step.endDialog() : WaterfallDialog.EndOfTurn;
};
dialogs.add(new WaterfallDialog('steps', [1, 2, 3, 4, 5].map(step)));

class AnchorBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await turns.set(context, (await turns.get(context, 0)) + 1);
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('steps');
      await next();
    });
  }
  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
    await userState.saveChanges(context, false);
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new AnchorBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
  res.send(200, { status: 'ok' });
});
server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 3988), '127.0.0.1');
