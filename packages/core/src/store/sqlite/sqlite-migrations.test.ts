import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hydrateMessages } from '../blob-blocks.js';
import { LOCAL_PRINCIPAL } from '../store-owner.js';
import { APPLICATION_ID, MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './sqlite-migrations.js';
import { SQL } from './sqlite-statements.js';
import { openSqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'bedrock-chat-migrations-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `db-${++counter}.db`);

const SEED_ID = '01JDQ5Z8M3X4B2N7K9P0R6S1TV';

/**
 * How each released version stored one conversation, in that version's own SQL (never through
 * today's store code, which only knows the latest schema). Add an entry with every new version.
 */
const SEED_AT_VERSION: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.prepare(
      `INSERT INTO conversations (id, title, model, system_json, created_at, updated_at, message_count,
         input_tokens, output_tokens, cost_usd) VALUES (?, 'Written at v1', 'haiku', '"Be brief."', 1, 2, 2, 10, 5, 0.01)`,
    ).run(SEED_ID);
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, position, role, content_json, text, model_id, stop_reason,
         input_tokens, output_tokens, total_tokens, latency_ms, cost_usd, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      SEED_ID,
      0,
      'user',
      '[{"text":"Hello"}]',
      'Hello',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      1,
    );
    insert.run(SEED_ID, 1, 'assistant', '[{"text":"Hi"}]', 'Hi', 'm', 'end_turn', 10, 5, 15, 300, 0.01, 2);
  },
  2: (db) => {
    db.prepare(
      `INSERT INTO conversations (id, owner, title, model, system_json, created_at, updated_at, message_count,
         input_tokens, output_tokens, cost_usd) VALUES (?, 'local', 'Written at v2', 'haiku', NULL, 1, 2, 2, 10, 5, 0.01)`,
    ).run(SEED_ID);
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, position, role, content_json, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run(SEED_ID, 0, 'user', '[{"text":"Hello"}]', 'Hello', 1);
    insert.run(SEED_ID, 1, 'assistant', '[{"text":"Hi"}]', 'Hi', 2);
  },
  3: (db) => {
    SEED_AT_VERSION[2]?.(db);
    db.prepare("UPDATE conversations SET title = 'Written at v3'").run();
  },
  4: (db) => {
    SEED_AT_VERSION[2]?.(db);
    db.prepare(
      "UPDATE conversations SET title = 'Written at v4', cache_read_tokens = 7, cache_saved_usd = 0.5",
    ).run();
  },
};

const PNG_BASE64 = Buffer.from('bytes of a picture, stored inline before version 3').toString('base64');
const PNG_SIZE = Buffer.from(PNG_BASE64, 'base64').length;
const PNG_SHA256 = createHash('sha256').update(Buffer.from(PNG_BASE64, 'base64')).digest('hex');

/** A database left at `version` (0 = a brand-new file), holding one conversation when version ≥ 1. */
async function databaseAtVersion(version: number): Promise<{ path: string; conversationId?: string }> {
  const path = freshPath();
  if (version === 0) return { path };
  // Not through openSqliteStore: today's statements need today's schema.
  const db = new Database(path);
  migrate(db, MIGRATIONS.slice(0, version));
  const seed = SEED_AT_VERSION[version];
  if (seed === undefined) throw new Error(`add SEED_AT_VERSION[${version}] to this test`);
  seed(db);
  db.close();
  return { path, conversationId: SEED_ID };
}

const pragmas = (path: string) => {
  const db = new Database(path, { readonly: true });
  const result = {
    userVersion: db.pragma('user_version', { simple: true }),
    applicationId: db.pragma('application_id', { simple: true }),
  };
  db.close();
  return result;
};

describe('SQLite schema migrations', () => {
  it('numbers the steps 1, 2, 3 … in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });

  for (let version = 0; version <= SCHEMA_VERSION; version++) {
    it(`brings a database at version ${version} to ${SCHEMA_VERSION}, keeping its conversations`, async () => {
      const { path, conversationId } = await databaseAtVersion(version);
      const store = openSqliteStore({ path });
      expect(pragmas(path)).toEqual({ userVersion: SCHEMA_VERSION, applicationId: APPLICATION_ID });
      if (conversationId !== undefined) {
        const conversation = await store.get(conversationId);
        expect(conversation.messages.map((message) => message.content)).toEqual([
          [{ text: 'Hello' }],
          [{ text: 'Hi' }],
        ]);
        expect((await store.list({ search: 'hello' })).conversations).toHaveLength(1);
      }
      expect(await store.checkIntegrity()).toEqual(['ok']);
      await store.close();
    });
  }

  it('gives conversations written before owners existed to the local user, and to no one else', async () => {
    const { path, conversationId = '' } = await databaseAtVersion(1);
    const store = openSqliteStore({ path });
    expect((await store.get(conversationId)).owner).toBe(LOCAL_PRINCIPAL);
    expect((await store.forOwner('alice').list()).conversations).toEqual([]);
    await expect(store.forOwner('alice').get(conversationId)).rejects.toMatchObject({
      code: 'CONVERSATION_NOT_FOUND',
    });
    await store.close();
  });

  it('moves files stored inline before version 3 into blobs, once per owner, losing nothing', async () => {
    const path = freshPath();
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    const insertConversation = db.prepare(
      `INSERT INTO conversations (id, owner, title, created_at, updated_at, message_count) VALUES (?, ?, ?, 1, 2, 2)`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (conversation_id, position, role, content_json, text, created_at) VALUES (?, ?, ?, ?, ?, 1)`,
    );
    const image = (name: string) => ({ image: { format: 'png', name, source: { bytes: PNG_BASE64 } } });
    const ids = [SEED_ID, '01JDQ5Z8M3X4B2N7K9P0R6S1TW', '01JDQ5Z8M3X4B2N7K9P0R6S1TX'];
    ids.forEach((id, index) => {
      insertConversation.run(id, index === 2 ? 'alice' : 'local', `Pictures ${index}`);
      insertMessage.run(
        id,
        0,
        'user',
        JSON.stringify([{ text: 'kangaroo' }, image(`p${index}.png`)]),
        'kangaroo',
      );
      insertMessage.run(id, 1, 'assistant', '[{"text":"A picture"}]', 'A picture');
    });
    db.close();
    const store = openSqliteStore({ path });
    for (const [index, id] of ids.entries()) {
      const owned = index === 2 ? store.forOwner('alice') : store;
      const { messages } = await owned.get(id);
      expect(messages[0]?.content[1]).toEqual({
        image: {
          format: 'png',
          name: `p${index}.png`,
          source: { blob: { sha256: PNG_SHA256, size: PNG_SIZE } },
        },
      });
      const [sent] = await hydrateMessages(messages, owned.blobs);
      expect(sent?.content).toEqual([{ text: 'kangaroo' }, image(`p${index}.png`)]);
    }
    expect((await store.list({ search: 'kangaroo' })).conversations).toHaveLength(2);
    expect(await store.checkIntegrity()).toEqual(['ok']);
    await store.close();
    const check = new Database(path, { readonly: true });
    // One copy for the local user (two conversations), one for alice.
    expect(check.prepare('SELECT owner, size FROM blobs ORDER BY owner').all()).toEqual([
      { owner: 'alice', size: PNG_SIZE },
      { owner: 'local', size: PNG_SIZE },
    ]);
    expect(check.prepare('SELECT count(*) FROM message_blobs').pluck().get()).toBe(3);
    expect(
      check.prepare(`SELECT count(*) FROM messages WHERE content_json LIKE '%"bytes"%'`).pluck().get(),
    ).toBe(0);
    check.close();
  });

  it('moves files inside tool results and documents too, with its own frozen reading of pre-3 blocks', async () => {
    const path = freshPath();
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare(
      `INSERT INTO conversations (id, owner, title, created_at, updated_at, message_count) VALUES (?, 'local', 'Tools', 1, 2, 4)`,
    ).run(SEED_ID);
    const insertMessage = db.prepare(
      `INSERT INTO messages (conversation_id, position, role, content_json, text, created_at) VALUES (?, ?, ?, ?, ?, 1)`,
    );
    const pdf = Buffer.from('%PDF-1.4 a pre-3 document').toString('base64');
    // Written out as version 2 wrote them: the migration must read exactly these shapes forever.
    insertMessage.run(
      SEED_ID,
      0,
      'user',
      `[{"document":{"name":"report","format":"pdf","source":{"bytes":"${pdf}"}}},{"text":"Read it"}]`,
      'Read it',
    );
    insertMessage.run(
      SEED_ID,
      1,
      'assistant',
      '[{"toolUse":{"toolUseId":"t1","name":"plot","input":{}}}]',
      '',
    );
    insertMessage.run(
      SEED_ID,
      2,
      'user',
      `[{"toolResult":{"toolUseId":"t1","content":[{"text":"done"},{"image":{"format":"png","source":{"bytes":"${PNG_BASE64}"}}}]}}]`,
      '',
    );
    insertMessage.run(SEED_ID, 3, 'assistant', '[{"text":"Here."}]', 'Here.');
    db.close();
    const store = openSqliteStore({ path });
    const { messages } = await store.get(SEED_ID);
    const pdfBytes = Buffer.from(pdf, 'base64');
    expect(messages[0]?.content[0]).toEqual({
      document: {
        name: 'report',
        format: 'pdf',
        source: {
          blob: { sha256: createHash('sha256').update(pdfBytes).digest('hex'), size: pdfBytes.length },
        },
      },
    });
    expect(messages[2]?.content).toEqual([
      {
        toolResult: {
          toolUseId: 't1',
          content: [
            { text: 'done' },
            { image: { format: 'png', source: { blob: { sha256: PNG_SHA256, size: PNG_SIZE } } } },
          ],
        },
      },
    ]);
    const sent = await hydrateMessages(messages, store.blobs);
    expect(JSON.stringify(sent[0]?.content)).toContain(pdf);
    expect(JSON.stringify(sent[2]?.content)).toContain(PNG_BASE64);
    await store.close();
  });

  it('sums the cache reads and writes of conversations written before version 4 from their messages', async () => {
    const path = freshPath();
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(
      `INSERT INTO conversations (id, owner, title, created_at, updated_at, message_count, input_tokens,
         output_tokens, cost_usd) VALUES (?, 'local', 'Cached at v3', 1, 2, 4, 40, 10, 0.002)`,
    ).run(SEED_ID);
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, position, role, content_json, text, input_tokens, output_tokens,
         total_tokens, cache_read_tokens, cache_write_tokens, cost_usd, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    insert.run(SEED_ID, 0, 'user', '[{"text":"a"}]', 'a', null, null, null, null, null, null);
    insert.run(SEED_ID, 1, 'assistant', '[{"text":"b"}]', 'b', 20, 5, 5025, null, 5000, 0.001);
    insert.run(SEED_ID, 2, 'user', '[{"text":"c"}]', 'c', null, null, null, null, null, null);
    insert.run(SEED_ID, 3, 'assistant', '[{"text":"d"}]', 'd', 20, 5, 5025, 5000, null, 0.001);
    db.close();
    const store = openSqliteStore({ path });
    const conversation = await store.get(SEED_ID);
    expect(conversation).toMatchObject({
      inputTokens: 40,
      cacheReadInputTokens: 5000,
      cacheWriteInputTokens: 5000,
      cacheSavedUsd: 0,
    });
    expect(conversation.messages.map((message) => message.cacheSavedUsd)).toEqual([null, null, null, null]);
    expect((await store.list()).conversations[0]).toMatchObject({ cacheReadInputTokens: 5000 });
    await store.close();
  });

  it("lists one owner's conversations from the owner index, without scanning or sorting", async () => {
    const { path } = await databaseAtVersion(0);
    await openSqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ owner: 'alice', limit: 51, updatedAt: 0, id: '' })
        .map((row) => (row as { detail: string }).detail);
    for (const sql of [SQL.listRecent, SQL.listRecentAfter]) {
      const steps = plan(sql).join('\n');
      expect(steps).toMatch(/SEARCH conversations USING INDEX conversations_by_owner_last_use \(owner=\?/);
      expect(steps).not.toContain('TEMP B-TREE');
    }
    db.close();
  });

  it('runs later steps in order on top of existing data (with a test-only step after the last)', async () => {
    const { path, conversationId } = await databaseAtVersion(1);
    const addTags: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'test: tags',
      up: (db) => db.exec("ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'"),
    };
    const store = openSqliteStore({ path, migrations: [...MIGRATIONS, addTags] });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION + 1);
    expect((await store.get(conversationId ?? '')).title).toBe('Written at v1');
    await store.close();
    expect(pragmas(path).userVersion).toBe(SCHEMA_VERSION + 1);
  });

  it('rolls back a failing step completely, leaving the file at its old version', async () => {
    const { path } = await databaseAtVersion(SCHEMA_VERSION);
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      description: 'test: fails half-way',
      up: (db) => db.exec('CREATE TABLE half_done (x INTEGER); SELECT no_such_function();'),
    };
    expect(() => openSqliteStore({ path, migrations: [...MIGRATIONS, broken] })).toThrow();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
    expect(pragmas(path).userVersion).toBe(SCHEMA_VERSION);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});
