import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { turn } from '../__fixtures__/store-contract.js';
import { SCHEMA_VERSION } from './sqlite-migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-open-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `case-${++counter}`);
const mode = (path: string) => statSync(path).mode & 0o777;

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

  it.skipIf(process.getuid?.() === 0)('reports a read-only directory as STORE_UNWRITABLE', () => {
    const directory = freshDir();
    mkdirSync(directory);
    chmodSync(directory, 0o500);
    try {
      expect(openError({ path: join(directory, 'conversations.db') }).code).toBe('STORE_UNWRITABLE');
    } finally {
      chmodSync(directory, 0o700);
    }
  });
});
