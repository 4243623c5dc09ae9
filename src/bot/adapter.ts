import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type ConversationState,
} from 'botbuilder';
import type { BotCredentials } from '../config.js';
import type { Logger } from '../log.js';
import { localizer } from './i18n/index.js';
import { StateConflictError } from './state/etagGuardedStorage.js';

/**
 * The Bot Framework adapter. Without credentials it runs in emulator mode (Bot Framework
 * Emulator, Agents Playground); with them, every request to /api/messages must carry a valid
 * Bot Framework token.
 */
export function createAdapter(credentials: BotCredentials | undefined, conversationState: ConversationState, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials?.appId ?? '',
    MicrosoftAppPassword: credentials?.appPassword ?? '',
    MicrosoftAppType: credentials?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: credentials?.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  // A typing indicator whenever a turn takes more than half a second.
  adapter.use(new ShowTypingMiddleware(500, 2000));

  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    if (error instanceof StateConflictError) {
      // Another instance served this conversation meanwhile: its state stands, this turn is asked again.
      log.warn('turn lost a race for the conversation state; the user is asked to repeat', { activityId: activity.id, conversationId: activity.conversation?.id });
      await context.sendActivity(localizer(activity.locale).t('error.stateConflict')).catch(() => {});
      return;
    }
    log.error('turn failed', { activityId: activity.id, conversationId: activity.conversation?.id, type: activity.type, error });
    try {
      // The form on the dialog stack is dropped so the user can start cleanly; nothing was half-saved
      // because every service call stores a whole record or nothing.
      await conversationState.delete(context);
      await context.sendActivity(localizer(activity.locale).t('error.generic'));
    } catch (reportError) {
      log.error('could not tell the user about a failed turn', { activityId: activity.id, error: reportError });
    }
  };
  return adapter;
}
