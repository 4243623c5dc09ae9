import { defineCommand } from './command.js';

/** "add customer": the add-customer form, from its first step. */
export default defineCommand({
  name: 'add',
  order: 10,
  inManifest: true,
  hasHelp: true,
  parse: () => ({}),
  fromCard: () => ({}),
  run: (turn) => turn.form.startAdd(),
});
