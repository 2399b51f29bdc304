import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { pdf } from '../../attachments/__fixtures__/sample-files.js';
import { attachmentBlock } from '../../attachments/attachment-block.js';
import { promptWithAttachments } from '../../attachments/attachment-prompt.js';
import { failure } from '../__fixtures__/expect-failure.js';
import { fakeRunner } from '../__fixtures__/fake-runner.js';
import { createConversationIdGenerator } from '../conversation-id.js';
import { sendPrompt } from '../send-prompt.js';
import { describeConversationStore, turn } from '../store-contract.js';
import { freeBytesOnDisk, TURN_HEADROOM_BYTES } from './sqlite-free-space.js';
import { openSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `store-${++counter}`, 'conversations.db');

describeConversationStore('SQLite store', async () => {
  let time = Date.parse('2025-01-01T00:00:00Z');
  const store = openSqliteStore({
    path: freshPath(),
    now: () => new Date(time),
    generateId: createConversationIdGenerator({ now: () => time }),
  });
  return {
    store,
    advance: (ms) => {
      time += ms;
    },
  };
});

describe('SQLite store', () => {
  it('keeps conversations across reopening, with a healthy file and search index', async () => {
    const path = freshPath();
    const first = openSqliteStore({ path });
    const created = await first.create({
      title: 'Persisted',
      messages: turn('Remember the word zebra', 'Zebra.'),
    });
    await first.appendMessages({
      conversationId: created.id,
      expectedPosition: 2,
      messages: turn('And?', 'Giraffe.'),
    });
    await first.close();

    const second = openSqliteStore({ path });
    expect((await second.get(created.id)).messages).toHaveLength(4);
    expect((await second.list({ search: 'giraffe' })).conversations.map((c) => c.id)).toEqual([created.id]);
    await second.delete(created.id);
    expect(await second.checkIntegrity()).toEqual(['ok']);
    await second.close();
  });

  it('stores one row per message with a unique position, as the schema promises', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    const created = await store.create({ title: 'Rows', messages: turn('1', '2') });
    await store.close();
    const db = new Database(path);
    const insertDuplicate = () =>
      db
        .prepare(
          "INSERT INTO messages (conversation_id, position, role, content_json, text, created_at) VALUES (?, 1, 'assistant', '[]', '', 0)",
        )
        .run(created.id);
    expect(insertDuplicate).toThrow(/UNIQUE/);
    db.close();
  });

  it('reports a database held locked by another writer past the busy timeout as retryable', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path, busyTimeoutMs: 50 });
    const created = await store.create({ title: 'Locked' });
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const append = store.appendMessages({
      conversationId: created.id,
      expectedPosition: 0,
      messages: turn('a', 'b'),
    });
    await expect(append).rejects.toMatchObject({ code: 'STORE_UNWRITABLE', details: { retryable: true } });
    other.prepare('ROLLBACK').run();
    other.close();
    expect((await store.get(created.id)).messageCount).toBe(0);
    await store.close();
  });

  it('refuses to read rows another program wrote wrongly (STORE_CORRUPT), rather than return them', async () => {
    const path = freshPath();
    const store = openSqliteStore({ path });
    const created = await store.create({ title: 'Tampered', messages: turn('1', '2') });
    const db = new Database(path);
    db.prepare('UPDATE messages SET content_json = \'[{"bogus":1}]\' WHERE position = 1').run();
    db.close();
    await expect(store.get(created.id)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await store.close();
  });

  it("chats on a store with a user's partial index (the rehearsal does not read it by INDEXED BY)", async () => {
    const path = freshPath();
    const first = openSqliteStore({ path });
    const created = await first.create({ title: 'Before the index', messages: turn('Q', 'A') });
    await first.close();
    const db = new Database(path);
    db.exec("CREATE INDEX user_partial ON conversations(id) WHERE id <> ''");
    db.close();

    const store = openSqliteStore({ path });
    const runner = fakeRunner();
    expect((await sendPrompt({ store, runner, prompt: 'New' })).saved).toBe(true);
    const continued = await sendPrompt({ store, runner, prompt: 'Again', conversationId: created.id });
    expect(continued.saved).toBe(true);
    expect((await store.get(created.id)).messages).toHaveLength(4);
    expect(runner.calls).toHaveLength(2);
    expect(await store.checkIntegrity()).toEqual(['ok']);
    await store.close();
  });

  it('fails a turn before the model call when the disk has no room for its write (disk full)', async () => {
    const runner = fakeRunner();
    const path = freshPath();
    const nearlyFull = openSqliteStore({ path, freeBytes: () => 40 * 1024 });
    await expect(sendPrompt({ store: nearlyFull, runner, prompt: 'Hello' })).rejects.toMatchObject({
      code: 'STORE_UNWRITABLE',
      message: `The disk holding the conversation store at ${path} is full: 40 KB free, and saving this turn needs about 1,024 KB.`,
      details: { reason: 'disk-full' },
    });
    expect(runner.calls).toEqual([]);
    await nearlyFull.close();
    const roomy = openSqliteStore({ path, freeBytes: () => 2 * 1024 * 1024 });
    expect((await sendPrompt({ store: roomy, runner, prompt: 'Hello' })).saved).toBe(true);
    await roomy.close();
    expect(freeBytesOnDisk(root)).toBeGreaterThan(0);
  });

  it('counts a turn’s file by its size in the room its write needs, measured against a real write', async () => {
    // A 4 MB PDF and 10 MB free, the case a user met: the check asked for about 17 MB
    // (the file as base64 in the message, counted three times).
    const file = Buffer.concat([pdf(), Buffer.alloc(4_000_000, 7)]);
    const prompt = promptWithAttachments('Sum up.', [attachmentBlock({ bytes: file, fileName: 'r.pdf' })]);

    // What the rehearsal asks for, on an empty store (freeBytes 0 makes it say).
    const measuring = openSqliteStore({ path: freshPath(), freeBytes: () => 0 });
    const asked = await failure(sendPrompt({ store: measuring, runner: fakeRunner(), prompt }));
    await measuring.close();
    const neededBytes = (asked.details as { neededBytes: number }).neededBytes;

    // What the same turn really takes on disk, in another empty store: database, WAL and index.
    const path = freshPath();
    const onDisk = () =>
      ['', '-wal', '-shm'].reduce(
        (sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0),
        0,
      );
    const measured = openSqliteStore({ path, freeBytes: () => 10_000_000 });
    await measured.get((await measured.create({ title: 'warm' })).id);
    const before = onDisk();
    expect((await sendPrompt({ store: measured, runner: fakeRunner(), prompt })).saved).toBe(true);
    const grew = onDisk() - before;
    // Enough for what the write really took, and not much more: the file counts at its size.
    expect(neededBytes).toBeGreaterThanOrEqual(grew);
    expect(neededBytes - grew).toBeLessThanOrEqual(TURN_HEADROOM_BYTES);
    expect(neededBytes).toBeLessThan(2 * file.length + TURN_HEADROOM_BYTES + 64 * 1024);

    // The same file again is stored already: the next turn asks only for its rows and headroom.
    const again = await failure(
      sendPrompt({ store: openSqliteStore({ path, freeBytes: () => 0 }), runner: fakeRunner(), prompt }),
    );
    expect((again.details as { neededBytes: number }).neededBytes).toBeLessThan(
      TURN_HEADROOM_BYTES + 64 * 1024,
    );
    await measured.close();
  });
});
