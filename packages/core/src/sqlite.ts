/**
 * `@bedrock-chat/core/sqlite`: the SQLite conversation store. A subpath of its own so that
 * importing the package root never loads the native better-sqlite3 module.
 */

export {
  APPLICATION_ID,
  MIGRATIONS,
  type Migration,
  SCHEMA_VERSION,
} from './store/sqlite/sqlite-migrations.js';
export {
  openSqliteStore,
  type SqliteConversationStore,
  type SqliteStoreOptions,
} from './store/sqlite/sqlite-store.js';
