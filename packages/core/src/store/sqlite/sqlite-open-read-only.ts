import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { loadSqliteAddon } from './sqlite-addon.js';
import { toStoreError } from './sqlite-errors.js';
import { MIGRATIONS, migrate } from './sqlite-migrations.js';
import { inspect, type OpenDatabaseOptions, type OpenedDatabase } from './sqlite-open.js';

/** Nothing to read: an empty in-memory database with the schema, so every query just finds nothing. */
function emptyDatabase(options: OpenDatabaseOptions, nativeBinding: string): Database.Database {
  const db = new Database(':memory:', { nativeBinding });
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/**
 * A reader of a WAL database needs its `-shm` file, and creates it when it is missing. In a
 * directory it may not write, it cannot: then SQLite says SQLITE_READONLY_DIRECTORY or
 * SQLITE_CANTOPEN, and `immutable=1` (no -shm, no locks) is the way to read the file.
 */
function needsImmutable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(READONLY_DIRECTORY|READONLY_CANTINIT|CANTOPEN)/.test(code);
}

function unmergedChanges(path: string, cause: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `The conversation store ${path} has changes in ${path}-wal that are not merged into it yet, and its directory is read-only, so they cannot be read.`,
    hint: 'Run any bedrock-chat command once where the directory is writable (its owner can), which merges them; or make the directory writable.',
    cause,
    details: { path },
  });
}

/**
 * Opens the database for reading only (`conversations list`, `show`, `export`): nothing is created,
 * converted or migrated, so a read-only data directory, or a file one may read but not write,
 * can still be read. Returns undefined when the file needs a migration first: only a writer can.
 */
export function openDatabaseReadOnly(options: OpenDatabaseOptions): OpenedDatabase | undefined {
  const { path, busyTimeoutMs = 5_000, migrations = MIGRATIONS } = options;
  const nativeBinding = loadSqliteAddon();
  if (!existsSync(path)) return { db: emptyDatabase(options, nativeBinding), notice: undefined };
  const settings = { readonly: true, fileMustExist: true, timeout: busyTimeoutMs, nativeBinding };
  let db: Database.Database | undefined;
  let version: { isNew: boolean; version: number };
  try {
    try {
      db = new Database(path, settings);
      version = inspect(db, path, migrations.at(-1)?.version ?? 0);
    } catch (error) {
      db?.close();
      if (!needsImmutable(error)) throw error;
      if ((statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0)
        throw unmergedChanges(path, error);
      // `immutable` is a URI parameter; sqlite-addon.ts turns URI filenames on.
      db = new Database(`${pathToFileURL(path).href}?immutable=1`, settings);
      version = inspect(db, path, migrations.at(-1)?.version ?? 0);
    }
  } catch (error) {
    db?.close();
    throw toStoreError(error, path);
  }
  if (version.isNew) {
    db.close();
    const notice = `The conversation store ${path} is an empty file (0 bytes): it holds no conversations.`;
    return { db: emptyDatabase(options, nativeBinding), notice };
  }
  if (version.version < (migrations.at(-1)?.version ?? 0)) {
    db.close();
    return undefined;
  }
  return { db, notice: undefined };
}
