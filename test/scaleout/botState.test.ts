import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import { ConversationState, TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { DocumentBotState, storedStateSchema } from '../../src/storage/botState.js';
import { TableDocumentStore } from '../../src/storage/azure/tableDocumentStore.js';
import { StateConflictError } from '../../src/storage/storageError.js';
import { startAzurite, type Azurite } from '../support/azurite.js';

/**
 * Bot state shared by two "instances" (two ConversationState over two storages) serving one
 * conversation with the interleaving that loses updates: both read, both write. botbuilder's own
 * BlobsStorage shows the loss; ours (documents in an Azure table) refuses the losing turn.
 */
const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

describe('bot state shared by instances (Azure Storage on Azurite)', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  let containers = 0;
  before(async () => (azurite = await startAzurite()));
  after(async () => azurite.stop());

  const context = () =>
    new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'conv-1' } as never,
      from: { id: 'u' } as never,
      recipient: { id: 'b' } as never,
    });

  async function storages(guarded: boolean): Promise<[Storage, Storage]> {
    const name = `state${++containers}`;
    if (guarded) {
      const make = async () =>
        new DocumentBotState(
          await TableDocumentStore.open(azurite.account, name, storedStateSchema, () => 'p'),
          { guardWildcard: true },
        );
      return [await make(), await make()];
    }
    const container = BlobServiceClient.fromConnectionString(
      azurite.connectionString,
    ).getContainerClient(name);
    await container.createIfNotExists();
    const make = () => new BlobsStorage(azurite.connectionString, name);
    return [make(), make()];
  }

  /** Two turns, one per instance: both load, then each adds its step and saves. */
  async function race(
    first: Storage,
    second: Storage,
  ): Promise<{ saved: (string | Error)[]; stored: string[] }> {
    const [a, b] = [new ConversationState(first), new ConversationState(second)];
    const [stepsA, stepsB] = [
      a.createProperty<string[]>('steps'),
      b.createProperty<string[]>('steps'),
    ];
    const [turnA, turnB] = [context(), context()];
    const readA = await stepsA.get(turnA, []);
    const readB = await stepsB.get(turnB, []);
    await stepsA.set(turnA, [...readA, 'A']);
    await stepsB.set(turnB, [...readB, 'B']);
    const saved = await Promise.all([
      a.saveChanges(turnA).then(
        () => 'A',
        (error: unknown) => asError(error),
      ),
      new Promise((resolve) => setTimeout(resolve, 50))
        .then(() => b.saveChanges(turnB))
        .then(
          () => 'B',
          (error: unknown) => asError(error),
        ),
    ]);
    const check = new ConversationState(first);
    const turn = context();
    return { saved, stored: await check.createProperty<string[]>('steps').get(turn, []) };
  }

  it('plain BlobsStorage (botbuilder writes eTag "*"): both turns save, and the first one is lost', async () => {
    const [first, second] = await storages(false);
    await race(first, second); // the conversation's first turns
    const { saved, stored } = await race(first, second);
    assert.deepEqual(saved, ['A', 'B']);
    assert.deepEqual(stored, ['B', 'B'], "both of A's saved steps are gone");
  });

  it('guarded: the turn that loses the race fails with StateConflictError and nothing is lost', async () => {
    const [first, second] = await storages(true);
    const opening = await race(first, second); // the conversation's first turns: nothing was stored yet
    assert.equal(opening.saved[0], 'A');
    assert.ok(opening.saved[1] instanceof StateConflictError);
    assert.deepEqual(opening.stored, ['A']);
    const { saved, stored } = await race(first, second);
    assert.equal(saved[0], 'A');
    assert.ok(saved[1] instanceof StateConflictError);
    assert.deepEqual(stored, ['A', 'A'], 'every step that was saved is there');
  });
});
