import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADDRESS, BotHarness, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { buttonTitles, cardInputs, cardText, type ChatClient } from '../support/chatClient.js';

/**
 * Never half: a submit whose writes fail part way tells the user what was stored and what was
 * not, and the same card's button completes it. Each folder under DATA_DIR is made unwritable
 * in turn (replaced by a file: permissions do not stop root, a file in the way does).
 */

type Folder = 'customers' | 'conversations' | 'outbox' | 'bot-state';

describe('conversation: a submit whose writes fail part way', function () {
  this.timeout(30_000);
  let h: BotHarness;
  beforeEach(async () => (h = await BotHarness.start()));
  afterEach(async () => h.dispose());

  async function toReview(chat: ChatClient): Promise<string> {
    const [first] = await chat.say('add customer');
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    return first!.id;
  }
  function breakFolder(folder: Folder): () => void {
    const dir = path.join(h.app.dataDir, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(dir, `${dir}.away`);
    fs.writeFileSync(dir, 'in the way');
    return () => {
      fs.rmSync(dir);
      fs.renameSync(`${dir}.away`, dir);
    };
  }
  const stored = async () => (await h.app.service.customers.operatorList({ limit: 10 })).items;
  const follows = (chat: ChatClient): string[] => {
    const dir = path.join(h.app.dataDir, 'conversations');
    for (const f of fs.readdirSync(dir)) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
        key: string;
        follows: string[];
      };
      if (doc.key.endsWith(`|${chat.conversationId}`)) return doc.follows;
    }
    return [];
  };
  const texts = (replies: { text?: string }[]) => replies.map((r) => r.text ?? '').join('\n');

  it('customers: nothing stored, the user is told the step did not finish, and the same Submit adds it', async () => {
    const chat = h.chat();
    const card = await toReview(chat);
    const restore = breakFolder('customers');
    const replies = await chat.click(card, 'Submit for verification');
    assert.match(texts(replies), /did not finish/);
    assert.deepEqual(await stored(), []);
    assert.match(
      cardText(chat.card(card)),
      /Review and submit/,
      'the review, with everything typed, stays',
    );
    restore();
    await chat.click(card, 'Submit for verification');
    assert.equal((await stored()).length, 1);
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
  });

  it('conversations: the customer is stored, the card says the chat will not hear the decision yet, and the same Submit finishes it', async () => {
    const chat = h.chat();
    const card = await toReview(chat);
    const restore = breakFolder('conversations');
    await chat.click(card, 'Submit for verification');
    const notice = cardText(chat.card(card));
    assert.match(
      notice,
      /Contoso Elementary School was added and sent for verification \(request 1 of 3\), but this chat could not be set up to hear Microsoft's decision/,
    );
    assert.doesNotMatch(notice, /Submitted – In review/, 'no card claims it is all done');
    assert.ok(buttonTitles(chat.card(card)).includes('Submit for verification'));
    const [customer] = await stored();
    assert.ok(customer);
    restore();
    await chat.click(card, 'Submit for verification');
    assert.equal((await stored()).length, 1, 'not added twice');
    assert.deepEqual(follows(chat), [customer.id]);
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
  });

  it('outbox: a submit does not need it', async () => {
    const chat = h.chat();
    const card = await toReview(chat);
    const restore = breakFolder('outbox');
    await chat.click(card, 'Submit for verification');
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
    assert.equal((await stored()).length, 1);
    restore();
  });

  it('bot-state: the form held in memory is submitted but its step cannot be saved; the user is told, and the same Submit finishes it without a second customer', async () => {
    const chat = h.chat();
    const card = await toReview(chat);
    const restore = breakFolder('bot-state');
    const replies = await chat.click(card, 'Submit for verification');
    assert.match(texts(replies), /did not finish/);
    assert.doesNotMatch(texts(replies), /Nothing was|no longer active/);
    // The folder is looked at only when a write fails: the turn ran on the form held in memory.
    assert.equal((await stored()).length, 1);
    restore();
    await chat.click(card, 'Submit for verification');
    const [customer, ...none] = await stored();
    assert.ok(customer);
    assert.deepEqual(none, []);
    assert.deepEqual(follows(chat), [customer.id]);
    assert.match(cardText(chat.card(card)), /Submitted – In review/);
  });

  it('a retried Submit whose first answer was lost says what is true now, and a retried resubmission too', async () => {
    const chat = h.chat();
    const card = await toReview(chat);
    const review = chat.card(card);
    await chat.click(card, 'Submit for verification');
    // The same click arrives again (the first answer was cut off): it is the customer already added.
    const submitData = (JSON.stringify(review).match(
      /"data":(\{"kind":"form","flowId":"[^"]+","intent":"submit"\})/,
    ) ?? [])[1]!;
    const [again] = await chat.submit(card, JSON.parse(submitData) as object);
    assert.match(
      cardText(again!.attachments?.[0]?.content ?? chat.card(card)),
      /already submitted: request 1 of 3/,
    );
    const [customer] = await stored();
    assert.equal((await stored()).length, 1);

    assert.ok(
      (
        await h.app.service.vetting.decide(
          { kind: 'operator', id: 'op', name: 'Op' },
          customer!.id,
          {
            status: 'Denied',
            reason: 'No accreditation',
          },
        )
      ).ok,
    );
    const [form] = await chat.say('resubmit contosoelementary');
    for (let step = 0; step < 3; step++)
      await chat.click(form!.id, 'Next', cardInputs(chat.card(form!.id)));
    await chat.click(form!.id, 'Next'); // review → confirm
    const confirm = chat.card(form!.id);
    await chat.click(form!.id, 'Resubmit for verification');
    assert.match(cardText(chat.card(form!.id)), /resubmitted: request 2 of 3/);
    const confirmData = (JSON.stringify(confirm).match(
      /"data":(\{"kind":"form","flowId":"[^"]+","intent":"confirm"\})/,
    ) ?? [])[1]!;
    const [retried] = await chat.submit(form!.id, JSON.parse(confirmData) as object);
    assert.match(
      cardText(retried?.attachments?.[0]?.content ?? chat.card(form!.id)),
      /already resubmitted: request 2 of 3, in review/,
    );
    assert.equal(
      (await h.app.service.customers.operatorGet(customer!.id))?.qualification.verificationRequests,
      2,
    );
  });
});
