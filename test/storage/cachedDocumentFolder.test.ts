import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CachedDocumentFolder } from '../../src/storage/lowdb/cachedDocumentFolder.js';
import { documentFile } from '../../src/storage/lowdb/documentFiles.js';
import { RecentTexts } from '../../src/storage/lowdb/recentTexts.js';
import { tempDir } from '../support/temp.js';

const docSchema = z.object({ key: z.string(), steps: z.array(z.string()) });
type Doc = z.infer<typeof docSchema>;

describe('bot state documents on disk, recent ones held in memory', () => {
  let work: ReturnType<typeof tempDir>;
  let dir: string;
  beforeEach(() => {
    work = tempDir('folder-');
    dir = path.join(work.dir, 'bot-state');
  });
  afterEach(() => work.remove());

  const onDisk = (key: string): unknown =>
    JSON.parse(fs.readFileSync(documentFile(dir, key), 'utf8'));

  it('a change is in the file when update resolves, and a new process reads it', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('conv|1', () => ({ key: 'conv|1', steps: ['organisation'] }));
    assert.deepEqual(onDisk('conv|1'), { key: 'conv|1', steps: ['organisation'] });
    const restarted = new CachedDocumentFolder(dir, docSchema);
    assert.deepEqual(await restarted.get('conv|1'), { key: 'conv|1', steps: ['organisation'] });
  });

  it('hands out copies: changing what a turn read does not change what the next turn reads', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('k', () => ({ key: 'k', steps: ['a'] }));
    const read = (await folder.get('k'))!;
    read.steps.push('changed in place, never saved');
    assert.deepEqual((await folder.get('k'))!.steps, ['a']);
  });

  it('a write that fails says what is wrong with the folder, and the disk is read again after', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('k', () => ({ key: 'k', steps: ['a'] }));
    fs.renameSync(dir, `${dir}.away`);
    fs.writeFileSync(dir, 'in the way');
    await assert.rejects(
      folder.update('k', () => ({ key: 'k', steps: ['a', 'b'] })),
      {
        message: `${dir} is not a folder`,
      },
    );
    fs.rmSync(dir);
    fs.renameSync(`${dir}.away`, dir);
    assert.deepEqual((await folder.get('k'))!.steps, ['a']);
    fs.writeFileSync(documentFile(dir, 'k'), JSON.stringify({ key: 'k', steps: ['edited'] }));
    assert.deepEqual(
      (await folder.get('k'))!.steps,
      ['a'],
      'after the failed write was forgotten, one read from disk is held again',
    );
  });

  it('replace writes without parsing what is stored; get parses once; update parses what it checks', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('k', () => ({ key: 'k', steps: ['a'] }));
    const parses = async (work: () => Promise<unknown>): Promise<number> => {
      const parse = JSON.parse;
      let count = 0;
      JSON.parse = ((...args: Parameters<typeof parse>) => {
        count++;
        return parse(...args) as unknown;
      }) as typeof JSON.parse;
      try {
        await work();
      } finally {
        JSON.parse = parse;
      }
      return count;
    };
    assert.equal(await parses(() => folder.get('k')), 1);
    assert.equal(await parses(() => folder.replace('k', { key: 'k', steps: ['b'] })), 0);
    assert.deepEqual(onDisk('k'), { key: 'k', steps: ['b'] });
    assert.equal(
      await parses(() => folder.update('k', (current) => current && { ...current, steps: ['c'] })),
      1,
    );
    assert.deepEqual(await folder.get('k'), { key: 'k', steps: ['c'] });
  });

  it('delete removes the file, and the document reads as absent', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('k', () => ({ key: 'k', steps: ['a'] }));
    await folder.delete('k');
    assert.equal(fs.existsSync(documentFile(dir, 'k')), false);
    assert.equal(await folder.get('k'), undefined);
  });

  it('a corrupt file reads as absent (that conversation starts over)', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    fs.writeFileSync(documentFile(dir, 'k'), '{"key": "k", "steps": [');
    assert.equal(await folder.get('k'), undefined);
    const another: Doc = { key: 'other', steps: [] };
    fs.writeFileSync(documentFile(dir, 'k'), JSON.stringify(another));
    assert.equal(
      await new CachedDocumentFolder(dir, docSchema).get('k'),
      undefined,
      'a file holding another key',
    );
  });
});

describe('RecentTexts (what the folder holds in memory)', () => {
  it('stays within its size: the least recently used go first', () => {
    const texts = new RecentTexts(30);
    texts.set('a', '0123456789'); // 11 characters with its key
    texts.set('b', '0123456789');
    assert.equal(texts.get('a'), '0123456789', 'reading a makes it the most recent');
    texts.set('c', '0123456789');
    assert.equal(texts.get('b'), undefined, 'b, the least recent, went');
    assert.equal(texts.get('a'), '0123456789');
    assert.equal(texts.get('c'), '0123456789');
  });

  it('holds absence too, and forgets on request', () => {
    const texts = new RecentTexts(100);
    texts.set('gone', null);
    assert.equal(texts.get('gone'), null);
    texts.forget('gone');
    assert.equal(texts.get('gone'), undefined);
  });

  it('replacing a text counts its new size only', () => {
    const texts = new RecentTexts(25);
    texts.set('a', '0123456789');
    texts.set('a', '0123456789');
    texts.set('b', '0123456789');
    assert.equal(texts.get('a'), '0123456789', 'a was counted once');
  });
});
