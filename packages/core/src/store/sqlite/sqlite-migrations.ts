import type { Database } from 'better-sqlite3';
import { migrateToVersion3 } from './sqlite-migration-3.js';

/**
 * `PRAGMA application_id` marks a file as ours ("bcht"), so a foreign SQLite database is refused
 * instead of being migrated; `PRAGMA user_version` is the schema version.
 */
export const APPLICATION_ID = 0x62636874;

export interface Migration {
  /** The `user_version` after this step; versions are 1, 2, 3 … in order. */
  version: number;
  description: string;
  up(db: Database): void;
}

/**
 * Version 1. Compared with simonw/llm's logs database: timestamps are integer milliseconds (UTC)
 * for cheap sorting; `UNIQUE(conversation_id, position)` makes "two messages at one position"
 * impossible even if code is wrong; the role CHECK enforces user/assistant alternation; per-
 * conversation totals are kept in the row so listing never aggregates; STRICT tables reject
 * wrongly typed values; the FTS index is external-content and kept in sync by triggers.
 */
const V1_SCHEMA = `
CREATE TABLE conversations (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 26),
  title TEXT NOT NULL,
  model TEXT,
  system_json TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0 CHECK (message_count >= 0),
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX conversations_by_last_use ON conversations (updated_at DESC, id DESC);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  role TEXT NOT NULL CHECK (role = CASE position % 2 WHEN 0 THEN 'user' ELSE 'assistant' END),
  content_json TEXT NOT NULL,
  text TEXT NOT NULL,
  model_id TEXT,
  stop_reason TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  total_tokens INTEGER,
  cache_read_tokens INTEGER,
  cache_write_tokens INTEGER,
  latency_ms INTEGER,
  cost_usd REAL,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, position)
) STRICT;

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  text,
  content = 'messages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF text ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
`;

/**
 * Version 2: every conversation has an owner (a principal). Rows from version 1 belong to the local
 * user, whose principal is the literal 'local' (LOCAL_PRINCIPAL, written out so that this released
 * step never changes). Listing is per owner, so the last-use index leads with the owner: a page of
 * one owner's conversations is one index range, however many others the file holds.
 */
const V2_OWNERS = `
ALTER TABLE conversations ADD COLUMN owner TEXT NOT NULL DEFAULT 'local' CHECK (length(owner) > 0);
DROP INDEX conversations_by_last_use;
CREATE INDEX conversations_by_owner_last_use ON conversations (owner, updated_at DESC, id DESC);
`;

/**
 * Version 4: prompt-cache totals per conversation (kept in the row, like the other totals, so
 * listing never aggregates) and what caching saved per reply. The token sums of conversations
 * written before are taken from their messages, which always stored cache reads and writes; what
 * caching saved was not stored before, so it starts at 0 for them (null per reply).
 */
const V4_CACHE_TOTALS = `
ALTER TABLE conversations ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN cache_saved_usd REAL NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN cache_saved_usd REAL;
UPDATE conversations SET
  cache_read_tokens = (SELECT coalesce(sum(cache_read_tokens), 0) FROM messages
    WHERE messages.conversation_id = conversations.id),
  cache_write_tokens = (SELECT coalesce(sum(cache_write_tokens), 0) FROM messages
    WHERE messages.conversation_id = conversations.id);
`;

/** Every schema change ever made, oldest first. Never edit a released step; add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'conversations, messages, full-text search', up: (db) => db.exec(V1_SCHEMA) },
  { version: 2, description: 'conversation owners', up: (db) => db.exec(V2_OWNERS) },
  { version: 3, description: 'files stored once by content hash', up: migrateToVersion3 },
  { version: 4, description: 'prompt-cache totals', up: (db) => db.exec(V4_CACHE_TOTALS) },
];

export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

export function readUserVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** The schema version a database was at, inside the migration transaction, and is at now. */
export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the database to the last version of `migrations`, in one `BEGIN IMMEDIATE` transaction:
 * processes opening the same new file at once wait for each other, and the one that comes second
 * sees the new version and does nothing (`from` equals `to`). A failed step leaves the file as it was.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const pending = (current: number) => migrations.filter((migration) => migration.version > current);
  const current = readUserVersion(db);
  if (pending(current).length === 0) return { from: current, to: current };
  const run = db.transaction((): MigrationResult => {
    const from = readUserVersion(db);
    for (const migration of pending(from)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    if (from !== readUserVersion(db)) db.pragma(`application_id = ${APPLICATION_ID}`);
    return { from, to: readUserVersion(db) };
  });
  return run.immediate();
}
