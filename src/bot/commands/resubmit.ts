import { customerArgument, defineCommand, withCustomer } from './command.js';

/** "resubmit <customer>": correct a denied customer and request verification again. */
export default defineCommand({
  name: 'resubmit',
  order: 40,
  inManifest: true,
  hasHelp: true,
  ...customerArgument,
  run: (turn, { customer }) =>
    withCustomer(turn, 'resubmit', customer, (record) =>
      turn.form.run({ kind: 'start', start: { kind: 'correct', record } }),
    ),
});
