/**
 * The part of botbuilder-dialogs the bot uses: a DialogSet and one Dialog of ours (the form), and
 * no prompts. The package's index also loads every prompt and, for them, the Recognizers-Text
 * date, number and choice models: about 210 ms of start-up (measured) for code never run. These
 * paths load the dialog machinery alone; they are the package's own compiled files, named here
 * once so an SDK update that moves them breaks one import.
 */
export { Dialog, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
