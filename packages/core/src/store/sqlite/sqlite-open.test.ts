import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { runNodeAsNobody } from '../../files/__fixtures__/run-as-nobody.js';
import { turn } from '../store-contract.js';
import { SCHEMA_VERSION } from './sqlite-migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-open-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `case-${++counter}`);
const mode = (path: string) => statSync(path).mode & 0o777;

const builtModule = pathToFileURL(fileURLToPath(new URL('../../../dist/sqlite.js', import.meta.url))).href;

/**
 * Opens the store in a child process running as the unprivileged `nobody`: these machines run as
 * root, which ignores file modes, so only this way is a permission case real. Uses the built
 * package (`pnpm test` builds first).
 */
async function openAsNobody(path: string, mode: 'read-only' | 'read-write'): Promise<unknown> {
  const child = fileURLToPath(new URL('./__fixtures__/open-child.mjs', import.meta.url));
  const stdout = await runNodeAsNobody(child, [builtModule, path, mode]);
  return JSON.parse(stdout);
}

function openError(options: Parameters<typeof openSqliteStore>[0]): BedrockChatError {
  try {
    openSqliteStore(options);
  } catch (error) {
    if (BedrockChatError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected openSqliteStore to fail');
}

describe('opening the SQLite store', () => {
  it('creates the directory 0700 and the database with its WAL files 0600, whatever the umask', async () => {
    const directory = join(freshDir(), 'nested', 'bedrock-chat');
    const previousUmask = process.umask(0);
    const store = (() => {
      try {
        return openSqliteStore({ env: { BEDROCK_CHAT_HOME: directory } });
      } finally {
        process.umask(previousUmask);
      }
    })();
    await store.create({ title: 'Private', messages: turn('secret?', 'yes') });
    expect(store.path).toBe(join(directory, 'conversations.db'));
    expect(mode(directory)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(store.path + suffix)).toBe(0o600);
    await store.close();
  });

  it('leaves the mode of a directory that already existed alone', async () => {
    const directory = freshDir();
    mkdirSync(directory);
    chmodSync(directory, 0o755);
    const store = openSqliteStore({ path: join(directory, 'conversations.db') });
    expect(mode(directory)).toBe(0o755);
    expect(mode(store.path)).toBe(0o600);
    await store.close();
  });

  it('refuses a text file as STORE_CORRUPT and leaves it untouched', () => {
    const directory = freshDir();
    mkdirSync(directory);
    const path = join(directory, 'conversations.db');
    writeFileSync(path, 'my shopping list\n'.repeat(200));
    const error = openError({ path });
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.hint).toMatch(/Move the file aside/);
    expect(readFileSync(path, 'utf8')).toBe('my shopping list\n'.repeat(200));
  });

  it('refuses another program’s SQLite database (no bedrock-chat marker) and leaves it untouched', () => {
    const directory = freshDir();
    mkdirSync(directory);
    const path = join(directory, 'conversations.db');
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');");
    foreign.close();
    const before = readFileSync(path);
    expect(openError({ path }).code).toBe('STORE_CORRUPT');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a database from a newer bedrock-chat (STORE_TOO_NEW) without changing the file', async () => {
    const path = join(freshDir(), 'conversations.db');
    const store = openSqliteStore({ path });
    await store.create({ title: 'From the future', messages: turn('1', '2') });
    await store.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(path);
    const error = openError({ path });
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.details).toMatchObject({ version: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    expect(error.hint).toMatch(/Upgrade bedrock-chat/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a directory it cannot create as STORE_UNWRITABLE', () => {
    const blocker = join(freshDir(), 'a-file');
    mkdirSync(join(blocker, '..'), { recursive: true });
    writeFileSync(blocker, 'not a directory');
    const error = openError({ path: join(blocker, 'data', 'conversations.db') });
    expect(error.code).toBe('STORE_UNWRITABLE');
    expect(error.hint).toMatch(/BEDROCK_CHAT_HOME/);
    expect(readFileSync(blocker, 'utf8')).toBe('not a directory');
  });

  it('reports a read-only directory as STORE_UNWRITABLE to a writer, and lets a reader read it', async () => {
    const directory = freshDir();
    const path = join(directory, 'conversations.db');
    const store = openSqliteStore({ path });
    await store.create({ title: 'Readable', messages: turn('1', '2') });
    await store.close();
    // Readable by everyone, writable by no one but root, which these tests may run as.
    chmodSync(root, 0o755);
    chmodSync(directory, 0o555);
    chmodSync(path, 0o444);
    expect(await openAsNobody(path, 'read-write')).toMatchObject({ error: { code: 'STORE_UNWRITABLE' } });
    expect(await openAsNobody(path, 'read-only')).toEqual({ titles: ['Readable'], notice: null });
    expect(readdirSync(directory)).toEqual(['conversations.db']);
    chmodSync(directory, 0o700);
  });

  it('reads a read-only directory whose writer left changes in the WAL: with its -shm file as nobody; without it, says why it cannot', async () => {
    const directory = freshDir();
    const path = join(directory, 'conversations.db');
    const store = openSqliteStore({ path });
    const created = await store.create({ title: 'Before', messages: turn('1', '2') });
    await store.close();
    // A writer that ended without closing (killed, crashed) leaves its commit in -wal, with -shm.
    const crashed = new Database(path);
    crashed.pragma('wal_autocheckpoint = 0');
    crashed.prepare('UPDATE conversations SET title = ? WHERE id = ?').run('In the WAL', created.id);
    // Closing merges the WAL into the file: put back the three files as they were before it.
    const files = ['', '-wal', '-shm'].map((suffix) => [path + suffix, readFileSync(path + suffix)] as const);
    crashed.close();
    for (const [file, bytes] of files) writeFileSync(file, bytes);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    chmodSync(root, 0o755);
    for (const name of readdirSync(directory)) chmodSync(join(directory, name), 0o444);
    chmodSync(directory, 0o555);
    expect(await openAsNobody(path, 'read-only')).toEqual({ titles: ['In the WAL'], notice: null });
    chmodSync(directory, 0o700);
    rmSync(`${path}-shm`);
    chmodSync(directory, 0o555);
    expect(await openAsNobody(path, 'read-only')).toEqual({
      error: {
        code: 'STORE_UNWRITABLE',
        message: `The conversation store ${path} has changes in ${path}-wal that are not merged into it yet, and its directory is read-only, so they cannot be read.`,
      },
    });
    expect(readdirSync(directory).sort()).toEqual(['conversations.db', 'conversations.db-wal']);
    chmodSync(directory, 0o700);
  });

  it('says that an existing empty (0-byte) file was set up as a new store; a new or used file says nothing', async () => {
    const directory = freshDir();
    mkdirSync(directory);
    const path = join(directory, 'conversations.db');
    writeFileSync(path, '');
    const store = openSqliteStore({ path });
    expect(store.notice).toBe(
      `The conversation store ${path} was an empty file (0 bytes), so it was set up as a new, empty store. If it held conversations, they were lost before this run: only a backup of the file brings them back.`,
    );
    expect((await store.list()).conversations).toEqual([]);
    await store.close();
    const again = openSqliteStore({ path });
    expect(again.notice).toBeUndefined();
    await again.close();
    const created = openSqliteStore({ path: join(freshDir(), 'conversations.db') });
    expect(created.notice).toBeUndefined();
    await created.close();
  });

  it('opens read-only without creating anything: a missing file reads as no conversations', async () => {
    const directory = join(freshDir(), 'never-created');
    const path = join(directory, 'conversations.db');
    const reader = openSqliteStore({ path, readOnly: true });
    expect((await reader.list()).conversations).toEqual([]);
    await expect(reader.get('01JDQ5Z8M3X4B2N7K9P0R6S1TV')).rejects.toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
    });
    await reader.close();
    expect(existsSync(directory)).toBe(false);
  });

  it('reads an existing store read-only and refuses to write through it (STORE_UNWRITABLE)', async () => {
    const path = join(freshDir(), 'conversations.db');
    const writer = openSqliteStore({ path });
    const created = await writer.create({ title: 'Shared', messages: turn('1', '2') });
    const reader = openSqliteStore({ path, readOnly: true });
    expect((await reader.get(created.id)).messages).toHaveLength(2);
    await expect(reader.rename(created.id, 'Renamed')).rejects.toMatchObject({ code: 'STORE_UNWRITABLE' });
    await expect(reader.rehearseWrite({ kind: 'create', input: { title: 'No' } })).rejects.toMatchObject({
      code: 'STORE_UNWRITABLE',
    });
    // A reader sees what the writer commits after it opened.
    await writer.appendMessages({
      conversationId: created.id,
      expectedPosition: 2,
      messages: turn('3', '4'),
    });
    expect((await reader.get(created.id)).messageCount).toBe(4);
    await reader.close();
    await writer.close();
  });

  it('reads an empty (0-byte) file read-only as no conversations, leaves it as it was, and says it is empty', async () => {
    const directory = freshDir();
    mkdirSync(directory);
    const path = join(directory, 'conversations.db');
    writeFileSync(path, '');
    const reader = openSqliteStore({ path, readOnly: true });
    expect((await reader.list()).conversations).toEqual([]);
    expect(reader.notice).toBe(
      `The conversation store ${path} is an empty file (0 bytes): it holds no conversations.`,
    );
    await reader.close();
    expect(statSync(path).size).toBe(0);
  });
});
