import { menuCard } from './cards/customerCards.js';
import { COMMANDS } from './commandList.js';
import { routeOf, type Request } from './requests.js';
import { cardReply, FORM_INTENTS, textReply, type Reply, type Turn } from './turn.js';

/**
 * The bot's one route table: a card button's verb (`form.next`, `cmd.status`) to its handler.
 * A typed command and the Emulator's Action.Submit derive the same verb, so every channel
 * shares it. A handler returns its Reply; turnEntry.ts delivers it.
 */
type Route = (turn: Turn, request: Request) => Promise<Reply>;

const stale = (turn: Turn) => Promise.resolve(textReply(turn.l.t('card.stale')));

const formStep: Route = (turn, request) =>
  request.type === 'form' ? turn.form.run({ kind: 'submit', submit: request }) : stale(turn);

const command: Route = (turn, request) =>
  request.type === 'command' ? request.command.run(turn, request.args) : stale(turn);

const unknownText: Route = (turn, request) => {
  if (turn.form.active) return Promise.resolve(textReply(turn.l.t('flow.inProgress')));
  const text = request.type === 'unknown' ? request.text : '';
  return Promise.resolve(
    cardReply(menuCard(turn.l, turn.l.t('unknown.text', { text: text.slice(0, 100) }))),
  );
};

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ...FORM_INTENTS.map((intent) => [`form.${intent}`, formStep] as const),
  ...COMMANDS.map((c) => [`cmd.${c.name}`, command] as const),
  ['unknown', unknownText],
  ['invalidSubmit', stale],
]);

/** The reply to what the user sent. */
export function route(turn: Turn, request: Request): Promise<Reply> {
  return (ROUTES.get(routeOf(request)) ?? stale)(turn, request);
}
