import type { TurnContext } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
import type { DialogContext } from 'botbuilder-dialogs/lib/dialogContext.js';

/**
 * The part of botbuilder-dialogs the bot uses: a DialogSet and one Dialog of ours (the form), and
 * no prompts. The package's index also loads every prompt and, for them, the Recognizers-Text
 * date, number and choice models: about 210 ms of start-up (measured) for code never run. These
 * paths load the dialog machinery alone; they are the package's own compiled files, named here
 * once so an SDK update that moves them breaks one import.
 */
export { Dialog, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';

/** Where a DialogContext's state manager looks for its memory scopes (memory/dialogStateManager.js). */
const SCOPES_KEY = 'DialogStateManagerConfiguration';

/**
 * A DialogSet whose contexts share one set of memory scopes. A DialogContext otherwise builds
 * them for every turn (the component registry, a service collection, nine scope objects: about
 * 3 % of a form step's CPU, measured), which DialogManager avoids the same way, by keeping its
 * `stateConfiguration`. A scope holds only its settings; what it reads lives in the turn.
 */
export class FormDialogSet extends DialogSet {
  private scopes: unknown;

  override async createContext(context: TurnContext): Promise<DialogContext> {
    if (this.scopes !== undefined) context.turnState.set(SCOPES_KEY, this.scopes);
    const dc = await super.createContext(context);
    this.scopes ??= context.turnState.get(SCOPES_KEY);
    return dc;
  }
}
