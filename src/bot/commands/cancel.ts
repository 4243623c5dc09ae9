import { defineCommand, noArguments } from './command.js';

/** "cancel": stops the form under way; nothing is submitted. */
export default defineCommand({
  name: 'cancel',
  order: 80,
  inManifest: false,
  hasHelp: true,
  ...noArguments,
  run: (turn) => turn.form.run({ kind: 'cancel' }),
});
