import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * Schema version 3, frozen: the SQL and the rewrite of the message JSON as they were released,
 * written out here rather than taken from the store's live code (`toStoredContent`), because this
 * step must read pre-3 rows the same way forever, whatever today's blocks look like. Never edit.
 */

/**
 * Files stored once per owner by content (`blobs`, SHA-256), messages refer to them
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

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * A pre-3 block with its file moved out: `{ image | document: { …, source: { bytes } } }` at the
 * top level or inside a `toolResult`'s content, the only places version 2 kept base64 files.
 */
function moveFile(block: unknown, files: Map<string, Buffer>): unknown {
  if (!isObject(block)) return block;
  for (const kind of ['image', 'document'] as const) {
    const file = block[kind];
    if (!isObject(file) || !isObject(file.source) || typeof file.source.bytes !== 'string') continue;
    const bytes = Buffer.from(file.source.bytes, 'base64');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    files.set(sha256, bytes);
    return { [kind]: { ...file, source: { blob: { sha256, size: bytes.length } } } };
  }
  const result = block.toolResult;
  if (isObject(result) && Array.isArray(result.content)) {
    return { toolResult: { ...result, content: result.content.map((item) => moveFile(item, files)) } };
  }
  return block;
}

/**
 * The files stored inline before version 3 (base64 in content_json) move to `blobs` in the same
 * migration, so every later read is the same. Rows whose JSON does not parse, or is not an array,
 * are left as they are (reading them says STORE_CORRUPT, as before). The text column, and so the
 * search index, does not change.
 */
export function migrateToVersion3(db: Database): void {
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
    let content: unknown;
    try {
      content = JSON.parse(row.json);
    } catch {
      continue;
    }
    if (!Array.isArray(content)) continue;
    const files = new Map<string, Buffer>();
    const moved = content.map((block) => moveFile(block, files));
    if (files.size === 0) continue;
    for (const [sha256, bytes] of files) {
      insertBlob.run(row.owner, sha256, bytes.length, bytes);
      link.run(row.id, blobId.get(row.owner, sha256));
    }
    update.run(JSON.stringify(moved), row.id);
  }
}
