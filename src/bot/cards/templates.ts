import fs from 'node:fs';
import * as ACData from 'adaptivecards-templating';

/**
 * Adaptive Card templates (cards/*.json) paired with the typed data that fills them, so a card
 * and its data cannot drift apart silently. User text is always data, never template source.
 */

/** What a button sends back (Action.Submit data); parsed with zod when it returns. */
type ActionData = Record<string, string | number | boolean>;
export interface Button {
  title: string;
  data: ActionData;
}

interface MenuCard {
  title: string;
  intro: string;
  lines: string[];
  statusLabel: string;
  statusPlaceholder: string;
  status: Button;
  actions: Button[];
}

export interface FormField {
  id: string;
  kind: 'text' | 'choice' | 'date' | 'readonly';
  label: string;
  value: string;
  placeholder: string;
  hint: string;
  /** The server's message for this field, under it. */
  error: string;
  /** Marked in the label; never checked by the client, so the server shows every problem at once. */
  required: boolean;
  maxLength: number;
  style: 'Text' | 'Email' | 'Url' | 'Tel';
  choices: { title: string; value: string }[];
  /** Latest date allowed (Input.Date). */
  max: string;
}

interface FormCard {
  title: string;
  subtitle: string;
  errorSummary: string;
  fields: FormField[];
  next: Button;
  /** Empty title on the first step: no Back. */
  back: Button;
  cancel: Button;
}

interface ReviewCard {
  title: string;
  subtitle: string;
  sections: { title: string; facts: { title: string; value: string }[]; edit: Button }[];
  warningsTitle: string;
  warnings: string[];
  domainWarning: string;
  duration: string;
  submit: Button;
  back: Button;
  cancel: Button;
}

export interface StatusCard {
  title: string;
  intro: string;
  company: string;
  statusLabel: string;
  statusColor: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  reason: string;
  facts: { title: string; value: string }[];
  selling: string;
  notes: string[];
  historyTitle: string;
  history: string[];
  actions: Button[];
  links: { title: string; url: string }[];
}

interface ListCard {
  title: string;
  emptyText: string;
  items: { company: string; detail: string; open: Button }[];
  actions: Button[];
}

interface NoticeCard {
  title: string;
  lines: string[];
  choices: Button[];
  actions: (Button & { style: 'default' | 'positive' | 'destructive' })[];
}

interface ImportCard {
  title: string;
  lines: string[];
  facts: { title: string; value: string }[];
  problemsTitle: string;
  problems: string[];
  notes: string[];
  actions: (Button & { style: 'default' | 'positive' | 'destructive' })[];
  links: { title: string; url: string }[];
}

interface CardModels {
  menu: MenuCard;
  form: FormCard;
  review: ReviewCard;
  status: StatusCard;
  list: ListCard;
  notice: NoticeCard;
  import: ImportCard;
}
export type CardName = keyof CardModels;

/** An expanded card, ready to send as `application/vnd.microsoft.card.adaptive`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

const CARDS_DIR = new URL('../../../../cards/', import.meta.url);
const parsedTemplates = new Map<CardName, ACData.Template>();

// Parsed once per process, not per turn.
function template(name: CardName): ACData.Template {
  let parsed = parsedTemplates.get(name);
  if (!parsed) {
    parsed = new ACData.Template(
      JSON.parse(fs.readFileSync(new URL(`${name}.json`, CARDS_DIR), 'utf8')),
    );
    parsedTemplates.set(name, parsed);
  }
  return parsed;
}

/**
 * The card, filled. Its buttons are Universal Actions (`Action.Execute`), each with the verb of
 * the route it sends to; a channel without them gets its own copy (bot/channel.ts).
 */
export function renderCard<N extends CardName>(name: N, data: CardModels[N]): AdaptiveCard {
  return prune(template(name).expand({ $root: data })) as AdaptiveCard;
}

/**
 * The verb of a button, its route (bot/routes.ts): `form.<intent>` for a form step, `cmd.<command>`
 * for a command, `import.<action>` for an import's buttons.
 */
function verbOf(data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  if (d.kind === 'form') return `form.${String(d.intent)}`;
  if (d.kind === 'cmd') return `cmd.${String(d.cmd)}`;
  if (d.kind === 'import') return `import.${String(d.action)}`;
  return 'card';
}

/**
 * A card that refreshes itself when shown: Teams asks the bot (an invoke with trigger
 * "automatic") for the current card, for each listed user (at most 60; needed in group chats).
 */
export function withRefresh(
  card: AdaptiveCard,
  data: Record<string, string | boolean>,
  userIds: string[] = [],
): AdaptiveCard {
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb: verbOf(data), data },
      ...(userIds.length ? { userIds: userIds.slice(0, 60) } : {}),
    },
  };
}

/**
 * Drops what the template filled with "nothing": empty strings, zero lengths, empty fact sets;
 * gives each Action.Execute its verb.
 */
function prune(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node
      .map(prune)
      .filter(
        (item) =>
          !(
            isRecord(item) &&
            item.type === 'FactSet' &&
            Array.isArray(item.facts) &&
            item.facts.length === 0
          ),
      );
  }
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === '' && key !== 'value' && key !== 'text') continue;
    if (key === 'maxLength' && value === 0) continue;
    // A choice list is bound whole, as built (up to 249 countries): nothing in it to drop.
    out[key] = key === 'choices' ? value : prune(value);
  }
  if (out.type === 'Action.Execute' && out.verb === undefined) out.verb = verbOf(out.data);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
