import type { Database } from 'better-sqlite3';
import type { ConversationExport } from '../conversation-schemas.js';
import type { ImportOptions } from '../conversation-store.js';
import { conversationIdTaken } from '../store-errors.js';
import { type ParsedNewMessage, withStoredFiles } from '../store-input.js';
import { isUniqueViolation } from './sqlite-errors.js';
import type { Statements } from './sqlite-statements.js';
import { insertConversation, insertMessages } from './sqlite-writes.js';

/**
 * Writes an exported conversation with its timestamps and totals as they were, in one
 * transaction; returns the id it was stored under (a fresh one for `onExistingId: 'new-id'`).
 */
export function importConversation(
  db: Database,
  statements: Statements,
  conversation: ConversationExport['conversation'],
  options: ImportOptions & { generateId: () => string; files: ReadonlyMap<string, Uint8Array> },
): string {
  // Taken whoever owns it: ids are unique across owners (the conflict names only the id the
  // importer already holds in its document, nothing of the other owner's conversation).
  const exists = statements.idExists.get(conversation.id) !== undefined;
  if (exists && options.onExistingId !== 'new-id') throw conversationIdTaken(conversation.id);
  const id = exists ? options.generateId() : conversation.id;
  const messages: ParsedNewMessage[] = conversation.messages.map(
    ({ position: _position, ...message }) => message,
  );
  try {
    db.transaction(() => {
      const { createdAt, updatedAt, messages: _messages, ...values } = conversation;
      const updatedAtMs = Date.parse(updatedAt);
      insertConversation(statements, { ...values, id, createdAtMs: Date.parse(createdAt), updatedAtMs });
      insertMessages(
        statements,
        { id, owner: values.owner },
        0,
        withStoredFiles(messages, options.files),
        updatedAtMs,
      );
    }).immediate();
  } catch (error) {
    if (isUniqueViolation(error)) throw conversationIdTaken(id);
    throw error;
  }
  return id;
}
