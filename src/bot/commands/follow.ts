import { textReply } from '../turn.js';
import { customerArgument, defineCommand, withCustomer, type CommandName } from './command.js';

/** "follow / unfollow <customer>": hear about a customer's decisions in this conversation. */
function following(name: CommandName & ('follow' | 'unfollow'), order: number) {
  const follow = name === 'follow';
  return defineCommand({
    name,
    order,
    inManifest: false,
    // One help line tells of following and of "notify all / mine".
    hasHelp: follow,
    ...customerArgument,
    run: (turn, { customer }) =>
      withCustomer(turn, name, customer, async (record) => {
        await turn.services.conversations.follow(turn.conversationKey, record.id, follow);
        return textReply(
          turn.i18n.t(follow ? 'follow.done' : 'unfollow.done', {
            company: record.companyProfile.companyName,
          }),
        );
      }),
  });
}

export default [following('follow', 60), following('unfollow', 61)];
