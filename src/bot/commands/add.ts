import { defineCommand, noArguments } from './command.js';

/** "add customer": the add-customer form, from its first step. */
export default defineCommand({
  name: 'add',
  order: 10,
  inManifest: true,
  hasHelp: true,
  ...noArguments,
  run: (turn) => turn.form.run({ kind: 'start', start: { kind: 'add' } }),
});
