import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../cards/templates.js';

/** How a proactive send ended, as the dispatcher needs to know it. */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'throttled'; retryAfterMs?: number }
  | { kind: 'gone'; code: string }
  | { kind: 'transient'; reason: string };

export interface NotificationSender {
  /** Sends the card; then replaces `updateActivityId`'s card with it, when given (best effort). */
  deliver(reference: Record<string, unknown>, card: AdaptiveCard, updateActivityId?: string): Promise<SendOutcome>;
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string };
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The connector's answer to a failed send → what to do about it. */
export function outcomeOfError(error: unknown, now = Date.now()): SendOutcome {
  const e = (error ?? {}) as ConnectorError;
  const status = e.statusCode;
  if (status === 429) {
    const wait = retryAfterMs(e.response?.headers?.get('retry-after'), now);
    return wait === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: wait };
  }
  // Uninstalled, blocked, disabled, or the conversation no longer exists: final.
  if (status === 403 || status === 404) return { kind: 'gone', code: e.code ?? `HTTP${status}` };
  return { kind: 'transient', reason: status ? `HTTP ${status}${e.code ? ` ${e.code}` : ''}` : (e.message ?? String(error)) };
}

/** Sends through CloudAdapter.continueConversationAsync, giving up on a send that hangs. */
export class CloudAdapterSender implements NotificationSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly timeoutMs: number,
    private readonly onUpdateFailure: (error: unknown) => void,
  ) {}

  async deliver(reference: Record<string, unknown>, card: AdaptiveCard, updateActivityId?: string): Promise<SendOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'transient', reason: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    const send = (async (): Promise<SendOutcome> => {
      // Caught inside the turn: a failure escaping it would go to the adapter's onTurnError,
      // which would tell the conversation "something went wrong" and hide the failure from us.
      let failure: unknown;
      try {
        await this.adapter.continueConversationAsync(this.botAppId, reference as Partial<ConversationReference>, async (context) => {
          const attachment = MessageFactory.attachment(CardFactory.adaptiveCard(card));
          try {
            await context.sendActivity(attachment);
          } catch (error) {
            failure = error ?? new Error('send failed');
            return;
          }
          if (updateActivityId) {
            await context.updateActivity({ ...attachment, id: updateActivityId }).catch(this.onUpdateFailure);
          }
        });
      } catch (error) {
        failure = error ?? new Error('send failed');
      }
      return failure === undefined ? { kind: 'sent' } : outcomeOfError(failure);
    })();
    try {
      return await Promise.race([send, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
