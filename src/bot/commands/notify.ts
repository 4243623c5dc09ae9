import { textReply } from '../turn.js';
import { defineCommand, noArguments, type CommandName } from './command.js';

/** "notify all / notify mine": every decision for the partner's customers here, or only followed ones. */
function notify(name: CommandName & ('notifyAll' | 'notifyMine'), order: number) {
  const all = name === 'notifyAll';
  return defineCommand({
    name,
    order,
    inManifest: all,
    hasHelp: false,
    ...noArguments,
    async run(turn) {
      await turn.services.conversations.setFollowAll(turn.conversationKey, all);
      return textReply(turn.i18n.t(all ? 'notify.allOn' : 'notify.mineOn'));
    },
  });
}

export default [notify('notifyAll', 70), notify('notifyMine', 71)];
