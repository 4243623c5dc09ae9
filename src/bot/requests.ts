import { z } from 'zod';
import { VETTING_STATUSES, type VettingStatus } from '../domain/customer.js';
import { CUSTOMER_SECTIONS, type CustomerSection } from '../domain/customerInput.js';
import { foldText } from '../domain/text.js';

/**
 * Everything a user can ask, whether typed or sent by a card button, parsed at the boundary.
 */
export type Command =
  | { type: 'welcome' }
  | { type: 'help' }
  | { type: 'cancel' }
  | { type: 'add' }
  | { type: 'status'; customer: string }
  | { type: 'customers'; status?: VettingStatus; cursor?: string; badStatus?: string }
  | { type: 'resubmit'; customer: string }
  | { type: 'offers'; customer: string }
  | { type: 'follow'; customer: string; follow: boolean }
  | { type: 'notify'; all: boolean }
  | { type: 'unknown'; text: string };

export type FormIntent = 'next' | 'edit' | 'submit' | 'confirm' | 'cancel';
export interface FormSubmit {
  type: 'form';
  flowId: string;
  intent: FormIntent;
  section?: CustomerSection;
  /** The card's input values, as strings. */
  values: Record<string, string>;
}

export type Request = Command | FormSubmit | { type: 'invalidSubmit' };

// Keywords in English (the manifest's command list) and in the bot's other languages.
const KEYWORDS: [Command['type'] | 'unfollow' | 'notifyAll' | 'notifyMine', string[]][] = [
  ['unfollow', ['unfollow', 'ne plus suivre', 'ontvolgen', 'sluta folja']],
  ['follow', ['follow', 'suivre', 'volgen', 'folj']],
  ['notifyAll', ['notify all']],
  ['notifyMine', ['notify mine']],
  ['add', ['add customer', 'add', 'new customer', 'ajouter un client', 'ajouter', 'klant toevoegen', 'toevoegen', 'lagg till kund', 'lagg till']],
  ['status', ['status', 'statut']],
  ['customers', ['customers', 'list', 'clients', 'klanten', 'kunder']],
  ['resubmit', ['resubmit', 'correct', 'resoumettre', 'corriger', 'opnieuw indienen', 'corrigeren', 'skicka in igen', 'korrigera']],
  ['offers', ['offers', 'offres', 'aanbiedingen', 'erbjudanden']],
  ['help', ['help', 'aide', 'hulp', 'hjalp', '?']],
  ['cancel', ['cancel', 'stop', 'annuler', 'annuleren', 'avbryt']],
  ['welcome', ['welcome', 'hi', 'hello', 'menu', 'start', 'bonjour', 'hallo', 'hej']],
];

const STATUS_WORDS: Record<string, VettingStatus> = {
  'in review': 'InReview', inreview: 'InReview', review: 'InReview', pending: 'InReview',
  approved: 'Approved', education: 'Approved', denied: 'Denied', rejected: 'Denied', none: 'None',
};

/** Typed text (mention already removed) → a command. */
export function parseText(raw: string): Command {
  const text = raw.trim().replace(/\s+/g, ' ').slice(0, 500);
  const folded = foldText(text);
  for (const [type, words] of KEYWORDS) {
    for (const word of words) {
      if (folded !== word && !folded.startsWith(`${word} `)) continue;
      const argument = text.slice(word.length).trim();
      switch (type) {
        case 'status':
        case 'resubmit':
        case 'offers':
          return { type, customer: argument };
        case 'follow':
        case 'unfollow':
          return { type: 'follow', customer: argument, follow: type === 'follow' };
        case 'notifyAll':
        case 'notifyMine':
          return { type: 'notify', all: type === 'notifyAll' };
        case 'customers': {
          if (!argument) return { type };
          const status = STATUS_WORDS[foldText(argument)] ?? VETTING_STATUSES.find((s) => s.toLowerCase() === foldText(argument));
          return status ? { type, status } : { type, badStatus: argument };
        }
        default:
          return { type } as Command; // help, cancel, add, welcome: trailing words change nothing
      }
    }
  }
  return { type: 'unknown', text };
}

const SECTIONS = Object.keys(CUSTOMER_SECTIONS) as [CustomerSection, ...CustomerSection[]];

const commandSubmitSchema = z.object({
  kind: z.literal('cmd'),
  cmd: z.enum(['welcome', 'help', 'cancel', 'add', 'status', 'customers', 'resubmit', 'offers', 'follow', 'unfollow']),
  customer: z.string().max(200).optional(),
  /** The menu card's text box. */
  customerQuery: z.string().max(200).optional(),
  status: z.enum(VETTING_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
});

const formSubmitSchema = z.looseObject({
  kind: z.literal('form'),
  flowId: z.string().min(1).max(64),
  intent: z.enum(['next', 'edit', 'submit', 'confirm', 'cancel']),
  section: z.enum(SECTIONS).optional(),
});

/** A card's Action.Submit value → a request; anything else is an invalid submit. */
export function parseSubmit(value: unknown): Request {
  const command = commandSubmitSchema.safeParse(value);
  if (command.success) {
    const { cmd, customer, customerQuery, status, cursor } = command.data;
    const target = (customer ?? customerQuery ?? '').trim();
    switch (cmd) {
      case 'status':
      case 'resubmit':
      case 'offers':
        return { type: cmd, customer: target };
      case 'customers':
        return { type: cmd, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
      case 'follow':
      case 'unfollow':
        return { type: 'follow', customer: target, follow: cmd === 'follow' };
      default:
        return { type: cmd };
    }
  }
  const form = formSubmitSchema.safeParse(value);
  if (form.success) {
    const { kind: _kind, flowId, intent, section, ...inputs } = form.data;
    const values = Object.fromEntries(
      Object.entries(inputs)
        .filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]))
        .map(([k, v]) => [k, String(v).slice(0, 1000)]),
    );
    return { type: 'form', flowId, intent, ...(section ? { section } : {}), values };
  }
  return { type: 'invalidSubmit' };
}
