import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { makeDirectory } from '../../files/make-directory.js';
import { loadSqliteAddon } from './sqlite-addon.js';
import { notOurDatabase, storeTooNew, storeUnwritable, toStoreError } from './sqlite-errors.js';
import { APPLICATION_ID, MIGRATIONS, type Migration, migrate, readUserVersion } from './sqlite-migrations.js';

export interface OpenDatabaseOptions {
  path: string;
  /** How long a write waits for another process's transaction; default 5000 ms. */
  busyTimeoutMs?: number | undefined;
  /** For tests of the migration runner; default: every migration. */
  migrations?: readonly Migration[] | undefined;
}

const SIDE_FILES = ['', '-wal', '-shm'];

/** Sets 0600 whatever the umask; a file someone else owns is left to its owner. */
function makePrivate(path: string): void {
  for (const suffix of SIDE_FILES) {
    try {
      chmodSync(path + suffix, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw error;
    }
  }
}

/**
 * Creates the data directory (0700) and an empty database file (0600) before SQLite sees them, so
 * the file is never readable by others, even for a moment. An existing directory keeps its mode:
 * it may be one the user chose and shares on purpose.
 */
function prepareFiles(path: string): void {
  const directory = dirname(path);
  try {
    if (makeDirectory(directory)) chmodSync(directory, 0o700);
    if (!existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(path)) return;
    const mapped = toStoreError(error, path);
    throw BedrockChatError.isInstance(mapped) ? mapped : storeUnwritable(path, error);
  }
}

/**
 * Decides, reading only, whether the file is ours: a new empty database, or one marked with our
 * application id at a schema version we know. Anything else is refused before a single byte is
 * written (switching to WAL would already rewrite the header).
 */
export function inspect(
  db: Database.Database,
  path: string,
  known: number,
): { isNew: boolean; version: number } {
  // One read transaction: another process may be creating the schema right now, and the three
  // facts must come from the same snapshot.
  const { applicationId, version, objectCount } = db.transaction(() => ({
    applicationId: Number(db.pragma('application_id', { simple: true })),
    version: readUserVersion(db),
    objectCount: Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()),
  }))();
  const isNew = applicationId === 0 && version === 0 && objectCount === 0;
  if (!isNew && applicationId !== APPLICATION_ID) throw notOurDatabase(path);
  if (version > known) throw storeTooNew(path, version, known);
  return { isNew, version };
}

/** An existing file with nothing in it (nor in its WAL): what a truncation or `> file` leaves. */
function isEmptyFile(path: string): boolean {
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return undefined;
    }
  };
  return size(path) === 0 && !size(`${path}-wal`);
}

export interface OpenedDatabase {
  db: Database.Database;
  /** Something to tell the user once: today, that an existing empty file was set up as a new store. */
  notice: string | undefined;
}

/**
 * Opens (creating or migrating as needed) the conversation database. WAL lets readers and one
 * writer work at once across processes; `synchronous = NORMAL` in WAL mode keeps every committed
 * transaction through a process crash (a power cut may lose the last few, never consistency).
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { path, busyTimeoutMs = 5_000, migrations = MIGRATIONS } = options;
  const addon = loadSqliteAddon();
  // Before prepareFiles, which creates a missing file empty. (Another process creating the same new
  // file at this moment could make this true too; then its store is the one set up, and said.)
  const wasEmptyFile = isEmptyFile(path);
  prepareFiles(path);
  // Two processes opening a new store at once (two MCP instances, the CLI beside the server): some
  // steps (switching to WAL, WAL recovery) answer SQLITE_BUSY at once without calling the busy
  // handler, so the whole setup is retried, with short sleeps, for up to the busy timeout.
  const deadline = Date.now() + busyTimeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return setUpDatabase(addon, path, busyTimeoutMs, migrations, wasEmptyFile);
    } catch (error) {
      const busy = /^SQLITE_(BUSY|LOCKED)/.test(codeOf((error as { cause?: unknown }).cause ?? error));
      if (!busy || Date.now() >= deadline) throw error;
      sleepSync(Math.min(20 * attempt, 200));
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function setUpDatabase(
  addon: ReturnType<typeof loadSqliteAddon>,
  path: string,
  busyTimeoutMs: number,
  migrations: typeof MIGRATIONS,
  wasEmptyFile: boolean,
): OpenedDatabase {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs, nativeBinding: addon });
  } catch (error) {
    throw toStoreError(error, path);
  }
  try {
    inspect(db, path, migrations.at(-1)?.version ?? 0);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Reads through a memory map skip a copy per page: full-text search over a large history is
    // ~2.5× faster. Writes still go through write(), so a crash cannot scribble on the file.
    db.pragma('mmap_size = 1073741824');
    const migrated = migrate(db, migrations);
    makePrivate(path);
    const initialisedEmpty = wasEmptyFile && migrated.from === 0 && migrated.to > 0;
    return { db, notice: initialisedEmpty ? emptyStoreNotice(path) : undefined };
  } catch (error) {
    db.close();
    throw toStoreError(error, path);
  }
}

function emptyStoreNotice(path: string): string {
  return `The conversation store ${path} was an empty file (0 bytes), so it was set up as a new, empty store. If it held conversations, they were lost before this run: only a backup of the file brings them back.`;
}
