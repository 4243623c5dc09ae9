import type { Request, Response, Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { EducationBot } from '../bot/educationBot.js';

/** POST /api/messages: activities from the channel, authenticated by the adapter when configured. */
export function registerMessagesRoute(server: Server, adapter: CloudAdapter, bot: EducationBot): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req as never, res as never, (context) => bot.run(context));
  });
}
