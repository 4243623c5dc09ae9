import { cancelRunningImport } from '../imports.js';
import { defineCommand, noArguments } from './command.js';

/** "cancel": stops the form under way (nothing is submitted), or else this chat's running import. */
export default defineCommand({
  name: 'cancel',
  order: 80,
  inManifest: false,
  hasHelp: true,
  ...noArguments,
  run: async (turn) =>
    (!turn.form.active && (await cancelRunningImport(turn))) || turn.form.run({ kind: 'cancel' }),
});
