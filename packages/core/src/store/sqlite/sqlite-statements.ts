import type { Database, Statement } from 'better-sqlite3';
import { CONVERSATION_COLUMNS, MESSAGE_COLUMNS } from './sqlite-rows.js';

// Each matches the index conversations_by_owner_last_use: (owner, updated_at DESC, id DESC).
const BY_LAST_USE = 'ORDER BY updated_at DESC, id DESC LIMIT @limit';
const OWNED = 'owner = @owner';
const AFTER_CURSOR = '(updated_at, id) < (@updatedAt, @id)';
// Matching conversation ids first, then their rows by primary key: cost follows the number of
// hits, not the number of conversations.
const MATCHING_IDS = `id IN (SELECT messages.conversation_id FROM messages_fts
  JOIN messages ON messages.id = messages_fts.rowid WHERE messages_fts MATCH @query)`;

export const SQL = {
  insertConversation: `INSERT INTO conversations (${CONVERSATION_COLUMNS})
    VALUES (@id, @owner, @title, @model, @systemJson, @createdAt, @updatedAt, @messageCount, @inputTokens,
            @outputTokens, @cacheReadTokens, @cacheWriteTokens, @costUsd, @cacheSavedUsd)`,
  insertMessage: `INSERT INTO messages (conversation_id, text, ${MESSAGE_COLUMNS})
    VALUES (@conversationId, @text, @position, @role, @contentJson, @modelId, @stopReason, @inputTokens,
            @outputTokens, @totalTokens, @cacheReadTokens, @cacheWriteTokens, @latencyMs, @costUsd, @cacheSavedUsd,
            @createdAt)`,
  /** Scoped: another owner's conversation is not found. */
  selectConversation: `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = @id AND ${OWNED}`,
  /** Unscoped, for import only: ids are unique across owners. */
  idExists: 'SELECT 1 FROM conversations WHERE id = ?',
  selectMessages: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY position`,
  updateAfterAppend: `UPDATE conversations SET
      message_count = message_count + @added,
      updated_at = max(updated_at, @now),
      input_tokens = input_tokens + @inputTokens,
      output_tokens = output_tokens + @outputTokens,
      cache_read_tokens = cache_read_tokens + @cacheReadTokens,
      cache_write_tokens = cache_write_tokens + @cacheWriteTokens,
      cost_usd = round(cost_usd + @costUsd, 6),
      cache_saved_usd = round(cache_saved_usd + @cacheSavedUsd, 6),
      model = CASE WHEN @setModel THEN @model ELSE model END,
      system_json = CASE WHEN @setSystem THEN @systemJson ELSE system_json END
    WHERE id = @id AND ${OWNED}`,
  rename: `UPDATE conversations SET title = @title WHERE id = @id AND ${OWNED}`,
  delete: `DELETE FROM conversations WHERE id = @id AND ${OWNED}`,
  listRecent: `SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE ${OWNED} ${BY_LAST_USE}`,
  listRecentAfter: `SELECT ${CONVERSATION_COLUMNS} FROM conversations
    WHERE ${OWNED} AND ${AFTER_CURSOR} ${BY_LAST_USE}`,
  searchRecent: `SELECT ${CONVERSATION_COLUMNS} FROM conversations
    WHERE ${OWNED} AND ${MATCHING_IDS} ${BY_LAST_USE}`,
  searchRecentAfter: `SELECT ${CONVERSATION_COLUMNS} FROM conversations
    WHERE ${OWNED} AND ${MATCHING_IDS} AND ${AFTER_CURSOR} ${BY_LAST_USE}`,
  /** Files: one row per owner and hash; writing one again stores nothing. */
  insertBlob: `INSERT INTO blobs (owner, sha256, size, data) VALUES (@owner, @sha256, @size, @data)
    ON CONFLICT (owner, sha256) DO NOTHING`,
  /** Never reads the bytes (the last column, in overflow pages). */
  statBlob: 'SELECT id, size FROM blobs WHERE owner = @owner AND sha256 = @sha256',
  selectBlobData: 'SELECT data FROM blobs WHERE owner = @owner AND sha256 = @sha256',
  linkMessageBlob: 'INSERT OR IGNORE INTO message_blobs (message_id, blob_id) VALUES (?, ?)',
  conversationBlobIds: `SELECT DISTINCT message_blobs.blob_id FROM message_blobs
    JOIN messages ON messages.id = message_blobs.message_id WHERE messages.conversation_id = ?`,
  /** A file no message refers to any more. */
  deleteOrphanBlob: `DELETE FROM blobs WHERE id = ?
    AND NOT EXISTS (SELECT 1 FROM message_blobs WHERE message_blobs.blob_id = blobs.id)`,
  /** Store-wide (moving a whole store): the index's leading column, so no table scan. */
  selectOwners: 'SELECT DISTINCT owner FROM conversations',
  integrityCheck: 'PRAGMA integrity_check',
  quickCheck: 'PRAGMA quick_check',
  ftsIntegrityCheck: "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')",
} as const;

export type Statements = Record<keyof typeof SQL, Statement>;

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database): Statements {
  const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]);
  // Object.fromEntries loses the key type; the keys are exactly those of SQL.
  const statements = Object.fromEntries(entries) as Statements;
  // Rows as arrays: see MessageRowSchema.
  statements.selectMessages.raw(true);
  statements.selectBlobData.pluck(true);
  statements.conversationBlobIds.pluck(true);
  statements.selectOwners.pluck(true);
  return statements;
}
