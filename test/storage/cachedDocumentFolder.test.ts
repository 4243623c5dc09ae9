import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CachedDocumentFolder } from '../../src/storage/lowdb/cachedDocumentFolder.js';
import { documentFile } from '../../src/storage/lowdb/documentFiles.js';
import { RecentDocuments } from '../../src/storage/lowdb/recentDocuments.js';
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

  it('update checks against what it last wrote, not what a caller changed in its copy', async () => {
    const folder = new CachedDocumentFolder(dir, docSchema);
    await folder.update('k', () => ({ key: 'k', steps: ['a'] }));
    const copy = (await folder.get('k'))!;
    copy.steps.push('changed in place');
    let seen: Doc | undefined;
    await folder.update('k', (current) => {
      seen = current;
      return { key: 'k', steps: [...(current?.steps ?? []), 'b'] };
    });
    assert.deepEqual(seen, { key: 'k', steps: ['a'] });
    assert.deepEqual(onDisk('k'), { key: 'k', steps: ['a', 'b'] });
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

describe('RecentDocuments (what the folder holds in memory)', () => {
  it('stays within its size: the least recently used go first', () => {
    const texts = new RecentDocuments<unknown>(30);
    texts.set('a', { text: '0123456789' }); // 11 characters with its key
    texts.set('b', { text: '0123456789' });
    assert.deepEqual(texts.get('a'), { text: '0123456789' }, 'reading a makes it the most recent');
    texts.set('c', { text: '0123456789' });
    assert.equal(texts.get('b'), undefined, 'b, the least recent, went');
    assert.deepEqual(texts.get('a'), { text: '0123456789' });
    assert.deepEqual(texts.get('c'), { text: '0123456789' });
  });

  it('holds absence too, and forgets on request', () => {
    const texts = new RecentDocuments<unknown>(100);
    texts.set('gone', null);
    assert.equal(texts.get('gone'), null);
    texts.forget('gone');
    assert.equal(texts.get('gone'), undefined);
  });

  it('replacing a text counts its new size only', () => {
    const texts = new RecentDocuments<unknown>(25);
    texts.set('a', { text: '0123456789' });
    texts.set('a', { text: '0123456789' });
    texts.set('b', { text: '0123456789' });
    assert.deepEqual(texts.get('a'), { text: '0123456789' }, 'a was counted once');
  });
});

describe('RecentDocuments counts a parsed document', () => {
  it('at three times its text, so holding parsed documents keeps within the bound', () => {
    const docs = new RecentDocuments<unknown>(40);
    docs.set('a', { text: '0123456789', doc: {} }); // 1 + 30
    docs.set('b', { text: '0123456789' }); // 11: 42 in all, a goes
    assert.equal(docs.get('a'), undefined);
    assert.deepEqual(docs.get('b'), { text: '0123456789' });
  });
});
