import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import type { PartnerUser } from '../../domain/roles.js';
import { statusLabel } from '../../i18n/customerText.js';
import type { Localizer } from '../../i18n/localizer.js';
import { refusalText } from '../../i18n/serviceMessages.js';
import type { PartnerCustomers, QualificationStatus } from '../../service/educationCustomers.js';
import { qualificationStatus } from '../../service/qualificationStatus.js';
import { statusCard } from '../cards/customerCards.js';
import type { AdaptiveCard } from '../cards/templates.js';
import { statusNamed } from '../statusWords.js';
import { customerIdInLink } from './customerLinks.js';
import { FIND_CUSTOMER, MAX_CUSTOMER_TEXT, MAX_WAITING_DAYS } from './findCustomer.js';

/**
 * The message extension's answers, as Teams and Microsoft 365 (Copilot, Outlook) ask: a search
 * (`composeExtension/query`), the result chosen (`selectItem`) and a pasted link
 * (`queryLink`). Each reads the local copy only (Teams gives 5 seconds) and answers with the
 * customer's status card: with Universal Actions in Teams, with links only elsewhere, where an
 * inserted card cannot call the bot. No Bot Framework type in here.
 */

const EXTENSION_INVOKES = [
  'composeExtension/query',
  'composeExtension/selectItem',
  'composeExtension/queryLink',
] as const;
type ExtensionInvoke = (typeof EXTENSION_INVOKES)[number];

export const isExtensionInvoke = (name: string | undefined): name is ExtensionInvoke =>
  (EXTENSION_INVOKES as readonly string[]).includes(name ?? '');

export interface ExtensionTurn {
  /** For cards (Markdown: typed values escaped). */
  i18n: Localizer;
  /** For texts shown outside a card (result messages, previews). */
  plain: Localizer;
  user: PartnerUser;
  /** The channel's id of the person searching: the card refreshes into their own view. */
  actorId: string;
  /** Teams: the inserted card may carry Action.Execute and refresh. */
  universal: boolean;
  customers: Pick<PartnerCustomers, 'searchCustomers' | 'keptStatus'>;
  /** The customer's shareable page in the dashboard, when the bot knows its public address. */
  customerPageUrl(customerId: string): string | undefined;
  now: Clock;
}

export interface InvokeAnswer {
  status: number;
  body: unknown;
}

/** Results a query returns at most (Teams asks 25 at a time) and how deep it may page. */
const MAX_RESULTS = 25;
const MAX_DEPTH = 100;
const DAY_MS = 86_400_000;

const queryValueSchema = z.object({
  commandId: z.string().max(64),
  parameters: z
    .array(z.object({ name: z.string().max(64), value: z.unknown() }))
    .max(10)
    .optional(),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).optional(),
      count: z.number().int().min(1).optional(),
    })
    .optional(),
});
const selectValueSchema = z.object({ customerId: z.string().min(1).max(64) });
const linkValueSchema = z.object({ url: z.string().min(1).max(2048) });

export async function answerExtension(
  name: ExtensionInvoke,
  value: unknown,
  turn: ExtensionTurn,
): Promise<InvokeAnswer> {
  switch (name) {
    case 'composeExtension/query': {
      const parsed = queryValueSchema.safeParse(value);
      if (!parsed.success) return badRequest(turn, fieldOf(parsed.error));
      if (parsed.data.commandId !== FIND_CUSTOMER.id) return badRequest(turn, 'commandId');
      return search(turn, parsed.data);
    }
    case 'composeExtension/selectItem': {
      const parsed = selectValueSchema.safeParse(value);
      if (!parsed.success) return badRequest(turn, fieldOf(parsed.error));
      return oneCustomer(turn, parsed.data.customerId, { sayWhyNot: true });
    }
    case 'composeExtension/queryLink': {
      const parsed = linkValueSchema.safeParse(value);
      if (!parsed.success) return badRequest(turn, fieldOf(parsed.error));
      const customerId = customerIdInLink(parsed.data.url);
      // A link naming no customer of ours unfurls as Teams would without us: no card.
      return customerId ? oneCustomer(turn, customerId, { sayWhyNot: false }) : results([]);
    }
  }
}

type QueryValue = z.infer<typeof queryValueSchema>;

/** What the parameters ask for, or the message saying which one is wrong and how to fix it. */
function searchOf(
  turn: ExtensionTurn,
  parameters: QueryValue['parameters'],
):
  | { text?: string; status?: QualificationStatus['vettingStatus']; requestedBefore?: string }
  | string {
  const given = new Map<string, string>();
  for (const { name, value } of parameters ?? []) {
    // Copilot may send a parameter it has nothing for as null or "".
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
    if (text.trim()) given.set(name, text.trim());
  }
  if (given.get('initialRun') === 'true') return {};
  const [customer, status, waitingDays] = FIND_CUSTOMER.parameters.map((p) => given.get(p.name));
  const query: ReturnType<typeof searchOf> = {};
  if (customer !== undefined) {
    if (customer.length > MAX_CUSTOMER_TEXT)
      return turn.plain.t('extension.tooLong', { max: MAX_CUSTOMER_TEXT });
    query.text = customer;
  }
  if (status !== undefined) {
    const named = statusNamed(status);
    if (!named) return turn.plain.t('extension.badStatus', { value: status.slice(0, 40) });
    query.status = named;
  }
  if (waitingDays !== undefined) {
    const days = /^\d{1,4}$/.test(waitingDays) ? Number(waitingDays) : undefined;
    if (days === undefined || days > MAX_WAITING_DAYS)
      return turn.plain.t('extension.badDays', { max: MAX_WAITING_DAYS });
    query.requestedBefore = new Date(turn.now().getTime() - days * DAY_MS).toISOString();
  }
  return query;
}

async function search(turn: ExtensionTurn, value: QueryValue): Promise<InvokeAnswer> {
  const asked = searchOf(turn, value.parameters);
  if (typeof asked === 'string') return message(asked);
  const skip = value.queryOptions?.skip ?? 0;
  const count = Math.min(value.queryOptions?.count ?? MAX_RESULTS, MAX_RESULTS);
  if (skip >= MAX_DEPTH) return results([]);
  const found = await turn.customers.searchCustomers(turn.user, {
    ...asked,
    // With words, A to Z is easiest to scan; without, the most recently changed first.
    sort: asked.text ? 'name' : 'lastChange',
    limit: Math.min(skip + count, MAX_DEPTH),
  });
  if (!found.ok) return message(refusalText(turn.plain, found.error));
  return results(
    found.value.items.slice(skip).map((record) => resultOf(turn, qualificationStatus(record))),
  );
}

async function oneCustomer(
  turn: ExtensionTurn,
  customerId: string,
  { sayWhyNot }: { sayWhyNot: boolean },
): Promise<InvokeAnswer> {
  const status = await turn.customers.keptStatus(turn.user, customerId);
  if (status.ok) return results([resultOf(turn, status.value)]);
  if (status.error.code === 'notFound' && !sayWhyNot) return results([]);
  return message(refusalText(turn.plain, status.error));
}

/** The card a result inserts: the bot's status card, as the place it goes can run it. */
export function insertedStatusCard(turn: ExtensionTurn, status: QualificationStatus): AdaptiveCard {
  const url = turn.customerPageUrl(status.customerId);
  return statusCard(turn.i18n, status, 'everyone', {
    links: url ? [{ title: turn.i18n.t('extension.openDetail'), url }] : [],
    ...(turn.universal ? { refreshFor: [turn.actorId] } : { openUrlOnly: true }),
  });
}

/** One result: the card, and the preview the result list shows (which selects it when tapped). */
function resultOf(turn: ExtensionTurn, status: QualificationStatus) {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: insertedStatusCard(turn, status),
    preview: {
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: status.companyName,
        subtitle: status.domain,
        text: statusLabel(turn.plain, status.vettingStatus, status.vettingCreateDate),
        tap: { type: 'invoke', value: { customerId: status.customerId } },
      },
    },
  };
}

const results = (attachments: unknown[]): InvokeAnswer => ({
  status: 200,
  body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } },
});

const message = (text: string): InvokeAnswer => ({
  status: 200,
  body: { composeExtension: { type: 'message', text } },
});

function badRequest(turn: ExtensionTurn, field: string): InvokeAnswer {
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: turn.plain.t('extension.badInvoke', { field }) },
    },
  };
}

const fieldOf = (error: z.ZodError): string => error.issues[0]?.path.join('.') || 'value';
