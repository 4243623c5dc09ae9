import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { withConnectorDeadline } from '../connectorHttpClient.js';
import { cardMessage, runsUniversalActions } from '../channel.js';
import type { AdaptiveCard } from '../cards/templates.js';

/** How a proactive send ended, as the dispatcher needs to know it. */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'throttled'; retryAfterMs?: number }
  | { kind: 'gone'; code: string }
  | { kind: 'transient'; reason: string };

export interface NotificationSender {
  /** Sends the card as a new message: one attempt, given up for real at its deadline. */
  send(reference: Record<string, unknown>, card: AdaptiveCard): Promise<SendOutcome>;
  /**
   * Replaces an earlier card of the conversation (best effort, its own deadline): never a reason
   * to send the new card again, never a throw; a failure goes to the sender's log.
   */
  update(reference: Record<string, unknown>, activityId: string, card: AdaptiveCard): Promise<void>;
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
function outcomeOfError(error: unknown, now = Date.now()): SendOutcome {
  const e = (error ?? {}) as ConnectorError;
  const status = e.statusCode;
  if (status === 429) {
    const wait = retryAfterMs(e.response?.headers?.get('retry-after'), now);
    return wait === undefined ? { kind: 'throttled' } : { kind: 'throttled', retryAfterMs: wait };
  }
  // Uninstalled, blocked, disabled, or the conversation no longer exists: final.
  if (status === 403 || status === 404) return { kind: 'gone', code: e.code ?? `HTTP${status}` };
  return {
    kind: 'transient',
    reason: status ? `HTTP ${status}${e.code ? ` ${e.code}` : ''}` : (e.message ?? String(error)),
  };
}

/**
 * Sends through CloudAdapter.continueConversationAsync. Each call has its own deadline with a
 * real abort: the connector request and botbuilder's internal retries of it stop there, so our
 * durable queue (which knows Teams' rates, Retry-After and the conversation's state) is the
 * layer that retries, and an abandoned attempt never lands after the next one.
 */
export class CloudAdapterSender implements NotificationSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly timeoutMs: number,
    private readonly onUpdateFailure: (outcome: SendOutcome) => void,
  ) {}

  /** Runs `act` in a turn on the conversation; its failure, or the deadline, is the outcome. */
  private async inConversation(
    reference: Record<string, unknown>,
    act: (context: TurnContext) => Promise<unknown>,
  ): Promise<SendOutcome> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    // Caught inside the turn: a failure escaping it would go to the adapter's onTurnError,
    // which would tell the conversation "something went wrong" and hide the failure from us.
    let failure: unknown;
    try {
      await withConnectorDeadline(deadline.signal, () =>
        this.adapter.continueConversationAsync(
          this.botAppId,
          reference as Partial<ConversationReference>,
          async (context) => {
            try {
              await act(context);
            } catch (error) {
              failure = error ?? new Error('send failed');
            }
          },
        ),
      );
    } catch (error) {
      failure = error ?? new Error('send failed');
    } finally {
      clearTimeout(timer);
    }
    if (failure === undefined) return { kind: 'sent' };
    if (deadline.signal.aborted)
      return { kind: 'transient', reason: `no answer within ${this.timeoutMs} ms (abandoned)` };
    return outcomeOfError(failure);
  }

  send(reference: Record<string, unknown>, card: AdaptiveCard): Promise<SendOutcome> {
    return this.inConversation(reference, (context) =>
      context.sendActivity(cardMessage(card, runsUniversalActions(channelOf(reference)))),
    );
  }

  async update(
    reference: Record<string, unknown>,
    activityId: string,
    card: AdaptiveCard,
  ): Promise<void> {
    const outcome = await this.inConversation(reference, (context) =>
      context.updateActivity({
        ...cardMessage(card, runsUniversalActions(channelOf(reference))),
        id: activityId,
      }),
    );
    if (outcome.kind !== 'sent') this.onUpdateFailure(outcome);
  }
}

/** The channel a stored conversation reference names: its cards take that channel's actions. */
function channelOf(reference: Record<string, unknown>): string | undefined {
  return typeof reference.channelId === 'string' ? reference.channelId : undefined;
}
