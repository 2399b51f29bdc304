import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../__fixtures__/expect-failure.js';
import { fakeRunner } from '../__fixtures__/fake-runner.js';
import { sendPrompt, streamPrompt } from '../send-prompt.js';
import { turn } from '../store-contract.js';
import { openSqliteStore } from './sqlite-store.js';

/**
 * A store of about 400 KB with one page overwritten, as a failing disk or a stray write leaves it:
 * a turn must find the damage in the pages its write touches before the model is called.
 */

const PAGE = 4096;
const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-damage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const pristine = join(root, 'pristine.db');
let newestId = '';

beforeAll(async () => {
  const store = openSqliteStore({ path: pristine });
  for (let index = 0; index < 30; index++) {
    const created = await store.create({
      title: `Conversation ${index}`,
      messages: turn(`Question ${index}: ${'x'.repeat(3000)}`, `Answer ${index}: ${'x'.repeat(3000)}`),
    });
    newestId = created.id;
  }
  await store.close();
  expect(statSync(pristine).size).toBeGreaterThan(400_000);
});

let counter = 0;

/** A copy of the pristine store with `length` pseudo-random bytes written at `offset`. */
function damagedCopy(offset: number | 'last-page', length = PAGE): string {
  const directory = join(root, `case-${++counter}`);
  mkdirSync(directory);
  const path = join(directory, 'conversations.db');
  copyFileSync(pristine, path);
  const at = offset === 'last-page' ? statSync(path).size - PAGE : offset;
  const bytes = Buffer.alloc(length);
  let seed = 7;
  for (let index = 0; index < length; index++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    bytes[index] = seed >> 16;
  }
  const file = openSync(path, 'r+');
  writeSync(file, bytes, 0, length, at);
  closeSync(file);
  return path;
}

describe('a turn on a damaged store', () => {
  it('fails with STORE_CORRUPT before the model call when the conversations table is damaged (page 2)', async () => {
    const store = openSqliteStore({ path: damagedCopy(PAGE) });
    const runner = fakeRunner();
    const error = await failure(sendPrompt({ store, runner, prompt: 'A new conversation' }));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toBe(`The conversation store at ${store.path} is damaged (SQLITE_CORRUPT).`);
    expect(error.hint).toContain('Nothing was written to it.');
    expect(runner.calls).toEqual([]);
    await store.close();
  });

  it('fails before the model call when continuing, with the last page of the file damaged', async () => {
    const store = openSqliteStore({ path: damagedCopy('last-page') });
    const runner = fakeRunner();
    const continued = sendPrompt({ store, runner, prompt: 'More', conversationId: newestId });
    expect((await failure(continued)).code).toBe('STORE_CORRUPT');
    const streamed = (async () => {
      for await (const _event of streamPrompt({
        store,
        runner,
        prompt: 'Streamed',
        conversationId: newestId,
      })) {
        // Never reached: the rehearsal fails first.
      }
    })();
    expect((await failure(streamed)).code).toBe('STORE_CORRUPT');
    expect(runner.calls).toEqual([]);
    await store.close();
  });

  // Pages 2–10 are the roots of the schema's tables and indexes (conversations, their indexes,
  // messages, the full-text index's data, index, sizes and configuration): every write passes them.
  // 11–14 are the blob tables' roots, which a turn without files never writes: the rehearsal reads
  // every root first (the 8 KB of random bytes at offset 40960 land on pages 11 and 12).
  it('has a b-tree root on each of pages 2–14', () => {
    const db = new Database(pristine, { readonly: true });
    const roots = db.prepare('SELECT rootpage FROM sqlite_schema WHERE rootpage > 0').pluck().all();
    db.close();
    expect(roots.sort((a, b) => Number(a) - Number(b))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('fails a turn without files before the model call with 8 KB of random bytes at offset 40960', async () => {
    const path = damagedCopy(40960, 8192);
    const store = openSqliteStore({ path });
    const runner = fakeRunner();
    expect((await failure(sendPrompt({ store, runner, prompt: 'Hello' }))).code).toBe('STORE_CORRUPT');
    expect(
      (await failure(sendPrompt({ store, runner, prompt: 'More', conversationId: newestId }))).code,
    ).toBe('STORE_CORRUPT');
    expect(runner.calls).toEqual([]);
    await store.close();
  });

  it.each([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])(
    'fails with STORE_CORRUPT, never a raw SQLite error, before the model call with page %i damaged',
    async (page) => {
      const path = damagedCopy((page - 1) * PAGE);
      const runner = fakeRunner();
      const turnOn = async (conversationId?: string) => {
        const store = openSqliteStore({ path });
        try {
          await sendPrompt({ store, runner, prompt: 'Hello', conversationId });
        } finally {
          await store.close();
        }
      };
      expect((await failure(turnOn())).code).toBe('STORE_CORRUPT');
      expect((await failure(turnOn(newestId))).code).toBe('STORE_CORRUPT');
      expect(runner.calls).toEqual([]);
    },
  );

  it('still chats without saving on a damaged store (--no-save loads nothing and writes nothing)', async () => {
    const store = openSqliteStore({ path: damagedCopy(PAGE) });
    const runner = fakeRunner();
    const outcome = await sendPrompt({ store, runner, prompt: 'Unsaved', save: false });
    expect(outcome).toMatchObject({ saved: false, conversation: null });
    expect(runner.calls).toHaveLength(1);
    await store.close();
  });

  it('leaves the file as it was after a rehearsal on a sound store', async () => {
    const path = damagedCopy(0, 0);
    const store = openSqliteStore({ path });
    const runner = fakeRunner();
    await store.rehearseWrite({ kind: 'create', input: { title: 'Rehearsed', messages: turn('Q', 'A') } });
    expect((await store.list({ limit: 500 })).conversations).toHaveLength(30);
    expect(await store.checkIntegrity()).toEqual(['ok']);
    const saved = await sendPrompt({ store, runner, prompt: 'Saved', conversationId: newestId });
    expect(saved.conversation?.messageCount).toBe(4);
    await store.close();
  });
});
