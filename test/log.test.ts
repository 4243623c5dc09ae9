import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger, conversationTag } from '../src/log.js';
import { BotHarness } from './support/botHarness.js';

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logs', () => {
  it('are JSON lines with a level, a time, the message and its fields', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).info('customer added', { customerId: 'c-1' });
    const [line] = parsed(lines);
    assert.equal(line?.level, 'info');
    assert.equal(line?.msg, 'customer added');
    assert.equal(line?.customerId, 'c-1');
    assert.ok(!Number.isNaN(Date.parse(String(line?.time))), 'an ISO time');
  });

  it('keep below the level out', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('not this');
    log.debug('nor this');
    log.warn('this');
    assert.deepEqual(
      parsed(lines).map((l) => l.msg),
      ['this'],
    );
  });

  it('redact secrets by name, at the top of the fields or one level in', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).info('request', {
      authorization: 'Bearer eyJ.secret.token',
      headers: { authorization: 'Bearer eyJ.other.token', accept: 'json' },
      config: { appPassword: 'p4ss', connectionString: 'AccountKey=abc', port: 3978 },
      token: 'abc',
    });
    const text = lines.join('\n');
    for (const secret of ['eyJ.secret.token', 'eyJ.other.token', 'p4ss', 'AccountKey=abc', '"abc"'])
      assert.ok(!text.includes(secret), `${secret} is not in the line`);
    const [line] = parsed(lines);
    assert.equal((line?.headers as Record<string, unknown>).accept, 'json');
    assert.equal((line?.config as Record<string, unknown>).port, 3978);
    assert.equal(line?.authorization, '[redacted]');
  });

  it('give errors their type, message and stack', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).error('failed', { error: new TypeError('boom') });
    const error = parsed(lines)[0]?.error as Record<string, unknown>;
    assert.equal(error.type, 'TypeError');
    assert.equal(error.message, 'boom');
    assert.match(String(error.stack), /boom\n\s+at /);
  });

  it("name a failed turn's activity, channel and conversation tag, never the conversation id", async () => {
    const lines: string[] = [];
    const h = await BotHarness.start({ log: createLogger('info', (l) => lines.push(l)) });
    try {
      const chat = h.chat();
      // A bot-state folder replaced by a file: the turn fails, and says so.
      const dir = path.join(h.app.dataDir, 'bot-state');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.writeFileSync(dir, 'in the way');
      const [sent] = await chat.say('add customer');
      assert.ok(sent, 'the user hears about it');
      const failed = parsed(lines).find((l) => l.msg === 'turn failed');
      assert.ok(failed, lines.join('\n'));
      assert.equal(failed.channelId, 'msteams');
      assert.equal(typeof failed.activityId, 'string');
      assert.equal(failed.conversation, conversationTag(chat.conversationId));
      assert.ok(!lines.join('\n').includes(chat.conversationId), 'the id itself is not logged');
      assert.equal((failed.error as Record<string, unknown>).type, 'Error');
    } finally {
      await h.dispose();
    }
  });
});
