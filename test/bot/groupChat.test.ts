import assert from 'node:assert/strict';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { cardText, type ChatClient } from '../support/chatClient.js';

/** A group chat with two partner users: a form per person. */
describe('conversation: a group chat where two people add customers', function () {
  this.timeout(30_000);
  let h: BotHarness;
  beforeEach(async () => (h = await BotHarness.start()));
  afterEach(async () => h.dispose());

  const GROUP = 'group-chat-1';
  const member = (id: string, name: string, aadObjectId: string, channelId = 'emulator') =>
    h.chat({
      conversationId: GROUP,
      conversationType: 'groupChat',
      channelId,
      user: { id, name, aadObjectId },
    });

  async function toReview(chat: ChatClient, organisation: Record<string, string>): Promise<string> {
    const [first] = await chat.say('add customer');
    for (const values of [organisation, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    assert.match(cardText(chat.card(first!.id)), /Review and submit/);
    return first!.id;
  }

  it("keeps one form per person: both fill theirs at once, neither can act on the other's", async () => {
    const ann = member('user-ann', 'Ann Lee', 'aad-ann');
    const bob = member('user-bob', 'Bob Berg', 'aad-bob');
    const annCard = await toReview(ann, ORGANISATION);
    const bobCard = await toReview(bob, {
      ...ORGANISATION,
      companyName: 'Fabrikam High School',
      domain: 'fabrikamhigh',
      email: 'office@fabrikam.edu',
    });
    // Bob presses Submit on Ann's card: his own state knows no such form.
    const [refused] = await bob.click(annCard, 'Submit for verification');
    assert.match(refused?.text ?? '', /no longer active/);
    assert.deepEqual((await h.app.service.operatorList({ limit: 10 })).items, []);
    await ann.click(annCard, 'Submit for verification');
    await bob.click(bobCard, 'Submit for verification');
    const stored = (await h.app.service.operatorList({ limit: 10 })).items
      .map((c) => c.companyProfile.companyName)
      .sort();
    assert.deepEqual(stored, ['Contoso Elementary School', 'Fabrikam High School']);
    assert.match(cardText(ann.card(annCard)), /Submitted – In review/);
    assert.match(cardText(bob.card(bobCard)), /Submitted – In review/);
  });
});
