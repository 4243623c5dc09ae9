import { z } from 'zod';
import { CUSTOMER_SECTIONS_IN_ORDER } from '../domain/fields.js';
import {
  cancelImport,
  fileInSharedChat,
  importFile,
  startImport,
  type SentFile,
} from './imports.js';
import { foldText } from '../domain/text.js';
import { menuCard } from './cards/customerCards.js';
import { COMMAND_WORDS, COMMANDS, commandNamed } from './commandList.js';
import { cardCommandSchema, type BotCommand } from './commands/command.js';
import {
  cardReply,
  FORM_INTENTS,
  textReply,
  type FormSubmit,
  type Reply,
  type Turn,
} from './turn.js';

/**
 * Everything a user can send, typed or from a card button, parsed once at the boundary: a
 * command with its arguments, a step of the form, or nothing we know. Its route is the verb the
 * card's button carries (`form.next`, `cmd.status`); a typed command and an Emulator's
 * Action.Submit derive the same one.
 */

export interface CommandRequest {
  type: 'command';
  command: BotCommand;
  args: unknown;
}

export type Request =
  | CommandRequest
  | FormSubmit
  | { type: 'importFile'; file: SentFile }
  | { type: 'fileStub' }
  | { type: 'import'; action: 'start' | 'cancel'; jobId: string }
  | { type: 'invalidSubmit' }
  | { type: 'unknown'; text: string };

/** The route of a request: the verb of the button that sends it. */
function routeOf(request: Request): string {
  switch (request.type) {
    case 'command':
      return `cmd.${request.command.name}`;
    case 'form':
      return `form.${request.intent}`;
    case 'import':
      return `import.${request.action}`;
    case 'importFile':
      return 'import.file';
    case 'fileStub':
      return 'import.stub';
    default:
      return request.type;
  }
}

/** Typed text (mention already removed) → a command, by the first word it starts with. */
export function parseText(raw: string): CommandRequest | { type: 'unknown'; text: string } {
  const text = raw.trim().replace(/\s+/g, ' ').slice(0, 500);
  const folded = foldText(text);
  for (const { word, command } of COMMAND_WORDS) {
    if (folded !== word && !folded.startsWith(`${word} `)) continue;
    return { type: 'command', command, args: command.parse(text.slice(word.length).trim()) };
  }
  return { type: 'unknown', text };
}

const formSubmitSchema = z.looseObject({
  kind: z.literal('form'),
  flowId: z.string().min(1).max(64),
  intent: z.enum(FORM_INTENTS),
  /** The form's owner, as the card names them: only for saying whose form it is. */
  owner: z.string().max(200).optional(),
  section: z.enum(CUSTOMER_SECTIONS_IN_ORDER).optional(),
});

const importSubmitSchema = z.object({
  kind: z.literal('import'),
  action: z.enum(['start', 'cancel']),
  jobId: z.string().min(1).max(100),
});

/** A file Teams gave the bot in the personal chat: download it at once (its URL's token is short-lived). */
const downloadInfoSchema = z.object({
  contentType: z.literal('application/vnd.microsoft.teams.file.download.info'),
  name: z.string().min(1).max(255),
  content: z.looseObject({ downloadUrl: z.string().min(1).max(4096) }),
});

/**
 * What a group chat or a channel gives a bot of a shared file: a `reference`, or the message's
 * HTML naming an attachment or a spreadsheet.
 */
const fileStubSchema = z.union([
  z.looseObject({ contentType: z.literal('reference') }),
  z.looseObject({
    contentType: z.literal('text/html'),
    content: z.string().regex(/<attachment\b|\.(?:csv|xlsx|xls)\b/i),
  }),
]);

/** The message's attachments → a file to import, a file the bot cannot have, or nothing. */
function parseAttachments(attachments: unknown, shared: boolean): Request | undefined {
  if (!Array.isArray(attachments)) return undefined;
  for (const attachment of attachments) {
    const file = downloadInfoSchema.safeParse(attachment);
    if (file.success && !shared)
      return {
        type: 'importFile',
        file: { name: file.data.name, downloadUrl: file.data.content.downloadUrl },
      };
  }
  const stub = attachments.some(
    (attachment) =>
      fileStubSchema.safeParse(attachment).success ||
      downloadInfoSchema.safeParse(attachment).success,
  );
  return stub ? { type: 'fileStub' } : undefined;
}

/** A card's Action.Submit value (or Action.Execute data) → a request; anything else is an invalid submit. */
export function parseSubmit(value: unknown): Request {
  const importAction = importSubmitSchema.safeParse(value);
  if (importAction.success) {
    const { action, jobId } = importAction.data;
    return { type: 'import', action, jobId };
  }
  const card = cardCommandSchema.safeParse(value);
  if (card.success) {
    const command = commandNamed(card.data.cmd);
    return command
      ? { type: 'command', command, args: command.fromCard(card.data) }
      : { type: 'invalidSubmit' };
  }
  const form = formSubmitSchema.safeParse(value);
  if (form.success) {
    const { kind: _kind, flowId, intent, section, owner, ...inputs } = form.data;
    const values = Object.fromEntries(
      Object.entries(inputs)
        .filter((entry): entry is [string, string | number | boolean] =>
          ['string', 'number', 'boolean'].includes(typeof entry[1]),
        )
        .map(([k, v]) => [k, String(v).slice(0, 1000)]),
    );
    return {
      type: 'form',
      flowId,
      intent,
      ...(section ? { section } : {}),
      ...(owner ? { owner } : {}),
      values,
    };
  }
  return { type: 'invalidSubmit' };
}

/**
 * The bot's one route table: a card button's verb (`form.next`, `cmd.status`) to its handler.
 * A typed command and the Emulator's Action.Submit derive the same verb, so every channel
 * shares it. A handler returns its Reply; educationBot.ts delivers it.
 */
type Route = (turn: Turn, request: Request) => Promise<Reply>;

const stale = (turn: Turn) => Promise.resolve(textReply(turn.i18n.t('card.stale')));

const formStep: Route = (turn, request) =>
  request.type === 'form' ? turn.form.run({ kind: 'submit', submit: request }) : stale(turn);

const command: Route = (turn, request) =>
  request.type === 'command' ? request.command.run(turn, request.args) : stale(turn);

const importRoute =
  (act: (turn: Turn, jobId: string) => Promise<Reply>): Route =>
  (turn, request) =>
    request.type === 'import' ? act(turn, request.jobId) : stale(turn);

const unknownText: Route = (turn, request) => {
  if (turn.form.active) return Promise.resolve(textReply(turn.i18n.t('flow.inProgress')));
  const text = request.type === 'unknown' ? request.text : '';
  return Promise.resolve(
    cardReply(menuCard(turn.i18n, turn.i18n.t('unknown.text', { text: text.slice(0, 100) }))),
  );
};

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ...FORM_INTENTS.map((intent) => [`form.${intent}`, formStep] as const),
  ...COMMANDS.map((c) => [`cmd.${c.name}`, command] as const),
  [
    'import.file',
    (turn, request) =>
      request.type === 'importFile' ? importFile(turn, request.file) : stale(turn),
  ],
  ['import.stub', fileInSharedChat],
  ['import.start', importRoute(startImport)],
  ['import.cancel', importRoute(cancelImport)],
  ['unknown', unknownText],
  ['invalidSubmit', stale],
]);

/** What the user sent: typed text (the mention taken out) and its attachments, or a card button's data. */
export type Sent = { text: string; attachments?: unknown } | { cardData: unknown };

/** The reply to what the user sent: parsed once, then its route's handler. */
export function route(turn: Turn, sent: Sent): Promise<Reply> {
  const request =
    'text' in sent
      ? (parseAttachments(sent.attachments, turn.channel.shared) ?? parseText(sent.text))
      : parseSubmit(sent.cardData);
  return (ROUTES.get(routeOf(request)) ?? stale)(turn, request);
}
