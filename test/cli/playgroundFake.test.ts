import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ADDRESS, CONTACT, ORGANISATION } from '../support/botHarness.js';
import { cardText, ChatClient } from '../support/chatClient.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { freePort } from '../support/net.js';
import { eventually } from '../support/temp.js';

const PLAYGROUND = fileURLToPath(new URL('../../src/cli/playground.js', import.meta.url));

/**
 * `npm run playground -- --partner-center=fake`: the bot in api mode against the fake Partner
 * Center, beside the Playground. The conversation is driven over HTTP, as the Playground sends it.
 */
describe('npm run playground -- --partner-center=fake', function () {
  this.timeout(90_000);
  let child: ChildProcess | undefined;
  let connector: ConnectorStub;
  before(async () => (connector = await new ConnectorStub().start()));
  after(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await connector.stop();
  });

  it('runs the whole flow against the fake: a customer made in it, then Microsoft’s denial heard', async () => {
    const [port, playgroundPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, [PLAYGROUND, '--partner-center=fake'], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        PLAYGROUND_PORT: String(playgroundPort),
        DEMO_DECIDE_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    await eventually(
      async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined),
      30_000,
      'the bot, ready with Partner Center reachable',
    );
    assert.match(output, /Fake Partner Center: http:\/\/127\.0\.0\.1:\d+/);
    await eventually(
      async () =>
        (await fetch(`http://127.0.0.1:${playgroundPort}/`).catch(() => undefined))?.ok
          ? true
          : undefined,
      30_000,
      'the Playground',
    );

    const chat = new ChatClient(() => url, connector);
    const [first] = await chat.say('add customer');
    for (const values of [ORGANISATION, ADDRESS, CONTACT])
      await chat.click(first!.id, 'Next', values);
    await chat.click(first!.id, 'Submit for verification');
    assert.match(cardText(chat.card(first!.id)), /Submitted – In review/);
    const denial = await eventually(
      () => connector.proactive(chat.conversationId)[0],
      45_000,
      'the denial, read from the fake by the poller',
    );
    const text = cardText(denial.attachments?.[0]?.content);
    assert.match(text, /Verification denied/);
    assert.match(text, /Not an Academic Domain/);
    assert.match(text, /by Microsoft/);
  });
});
