import { VETTING_STATUSES } from '../../domain/customer.js';
import type { MessageKey } from '../../i18n/catalogues/en.js';

/**
 * The message extension's one command, declared once: the app package's manifest entry (with
 * every language's titles, descriptions and sample prompts from the catalogues) and the query
 * handler (extensionAnswers.ts) both read it, so the manifest and the code cannot disagree on a
 * parameter's name.
 */

interface ExtensionParameter {
  name: string;
  inputType: 'text' | 'choiceset' | 'number';
  /** `extension.<name>.title` and `.description` in every catalogue. */
  title: MessageKey;
  description: MessageKey;
  /**
   * What Microsoft 365 Copilot reads to fill the parameter from a question. English only: the
   * manifest's localisation files have no place for it (schemas 1.22 to 1.30).
   */
  semanticDescription: string;
  choices?: { value: string; title: MessageKey }[];
}

interface ExtensionCommand {
  id: string;
  title: MessageKey;
  description: MessageKey;
  semanticDescription: string;
  samplePrompts: MessageKey[];
  parameters: ExtensionParameter[];
}

export const FIND_CUSTOMER: ExtensionCommand = {
  id: 'findCustomer',
  title: 'extension.title',
  description: 'extension.description',
  semanticDescription:
    "Searches the partner's own education customers in Partner Center, kept by this app. Each result is one school, college, university or district with its verification status for the Education qualification (None, InReview, Approved, Denied), its primary domain, when its current verification request was made, and how many of its three requests were used. Matches parts of the name or of the domain, ignoring case and accents, or one customer by its customer ID. Combines a name, a status and a minimum number of days since the verification request, for questions such as schools still in review after two weeks, or denied colleges named Contoso.",
  samplePrompts: ['extension.prompt.1', 'extension.prompt.2', 'extension.prompt.3'],
  parameters: [
    {
      name: 'customer',
      inputType: 'text',
      title: 'extension.customer.title',
      description: 'extension.customer.description',
      semanticDescription:
        'Words from the name of the school, college, university or district, or its domain such as contoso.onmicrosoft.com, or its customer ID (a GUID). An empty value matches every customer.',
    },
    {
      name: 'status',
      inputType: 'choiceset',
      title: 'extension.status.title',
      description: 'extension.status.description',
      semanticDescription:
        'The verification status of the Education qualification: None (not submitted yet), InReview (Microsoft is reviewing it), Approved (an education customer) or Denied (refused; a Global admin may correct and resubmit it). An empty value matches every status.',
      choices: VETTING_STATUSES.map((status) => ({
        value: status,
        title: `extension.choice.${status}` as MessageKey,
      })),
    },
    {
      name: 'waitingDays',
      inputType: 'number',
      title: 'extension.waitingDays.title',
      description: 'extension.waitingDays.description',
      semanticDescription:
        'A whole number of days: only customers whose current verification request was made at least this many days ago, for questions about reviews that started more than a week (7) or a month (30) ago. An empty value matches any date.',
    },
  ],
};

/** What a text parameter may hold: a name or a domain is far shorter. */
export const MAX_CUSTOMER_TEXT = 100;
/** Days since a request a search may ask for: ten years. */
export const MAX_WAITING_DAYS = 3650;
