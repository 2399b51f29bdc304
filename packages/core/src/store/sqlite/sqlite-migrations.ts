import type { Database } from 'better-sqlite3';
import { toStoredContent } from '../blob-blocks.js';

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
 * Version 3: files stored once per owner by content (`blobs`, SHA-256), messages refer to them
 * (`{ source: { blob: { sha256, size } } }` in content_json, and a `message_blobs` row each, so
 * a conversation's files are found without parsing its messages). The bytes are the last column:
 * reading a blob's size never reads the pages that hold its bytes. `message_blobs.blob_id` has no
 * ON DELETE: SQLite refuses to delete a file some message still refers to.
 */
const V3_BLOBS = `
CREATE TABLE blobs (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL CHECK (length(owner) > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  data BLOB NOT NULL CHECK (length(data) = size),
  UNIQUE (owner, sha256)
) STRICT;

CREATE TABLE message_blobs (
  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  blob_id INTEGER NOT NULL REFERENCES blobs (id),
  PRIMARY KEY (message_id, blob_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX message_blobs_by_blob ON message_blobs (blob_id);
`;

/**
 * The files stored inline before version 3 (base64 in content_json) move to `blobs` in the same
 * migration, so every later read is the same. Rows whose JSON does not parse are left as they
 * are (reading them says STORE_CORRUPT, as before). The text column, and so the search index,
 * does not change.
 */
function moveInlineFiles(db: Database): void {
  db.exec(V3_BLOBS);
  const rows = db
    .prepare(`SELECT messages.id AS id, messages.content_json AS json, conversations.owner AS owner
      FROM messages JOIN conversations ON conversations.id = messages.conversation_id
      WHERE messages.content_json LIKE '%"bytes"%'`)
    .all() as { id: number; json: string; owner: string }[];
  const insertBlob = db.prepare(`INSERT INTO blobs (owner, sha256, size, data) VALUES (?, ?, ?, ?)
    ON CONFLICT (owner, sha256) DO NOTHING`);
  const blobId = db.prepare('SELECT id FROM blobs WHERE owner = ? AND sha256 = ?').pluck();
  const link = db.prepare('INSERT OR IGNORE INTO message_blobs (message_id, blob_id) VALUES (?, ?)');
  const update = db.prepare('UPDATE messages SET content_json = ? WHERE id = ?');
  for (const row of rows) {
    let moved: ReturnType<typeof toStoredContent>;
    try {
      moved = toStoredContent(JSON.parse(row.json));
    } catch {
      continue;
    }
    if (moved.blobs.size === 0) continue;
    for (const [sha256, bytes] of moved.blobs) {
      insertBlob.run(row.owner, sha256, bytes.length, bytes);
      link.run(row.id, blobId.get(row.owner, sha256));
    }
    update.run(JSON.stringify(moved.content), row.id);
  }
}

/** Every schema change ever made, oldest first. Never edit a released step; add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'conversations, messages, full-text search', up: (db) => db.exec(V1_SCHEMA) },
  { version: 2, description: 'conversation owners', up: (db) => db.exec(V2_OWNERS) },
  { version: 3, description: 'files stored once by content hash', up: moveInlineFiles },
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
