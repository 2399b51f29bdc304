import { homedir } from 'node:os';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { type BlobStore, blobNotFound, blobRefOf } from '../blob-store.js';
import { formatConversation, parseImport } from '../conversation-export.js';
import { generateConversationId, parseConversationId } from '../conversation-id.js';
import type { Conversation, ConversationWithMessages } from '../conversation-schemas.js';
import type {
  AppendMessagesInput,
  ConversationPage,
  ConversationStore,
  CreateConversationInput,
  ExportFormat,
  ImportOptions,
  ListConversationsOptions,
  StoreWrite,
} from '../conversation-store.js';
import { resolveDatabasePath } from '../data-dir.js';
import { conversationConflict, conversationNotFound } from '../store-errors.js';
import {
  messageTotals,
  type ParsedAppendInput,
  type ParsedNewMessage,
  parseAppendInput,
  parseCreateInput,
  parseTitle,
  withStoredFiles,
} from '../store-input.js';
import { LOCAL_PRINCIPAL, parsePrincipal } from '../store-owner.js';
import { integrityCheck, prepareRootReads, quickCheck } from './sqlite-checks.js';
import { isUniqueViolation, toStoreError } from './sqlite-errors.js';
import { checkFreeSpace, type FreeBytes, freeBytesOnDisk } from './sqlite-free-space.js';
import { importConversation } from './sqlite-import.js';
import { listConversations } from './sqlite-list.js';
import { type Migration, readUserVersion } from './sqlite-migrations.js';
import { openDatabase } from './sqlite-open.js';
import { openDatabaseReadOnly } from './sqlite-open-read-only.js';
import { toConversation, toStoredMessage, writtenConversation, writtenMessage } from './sqlite-rows.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import {
  type ConversationRowValues,
  insertConversation,
  insertMessages,
  newConversationValues,
  systemJson,
  type WrittenBytes,
} from './sqlite-writes.js';

export interface SqliteStoreOptions {
  /** The database file; default `resolveDatabasePath(env, platform, homedir)`. */
  path?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  platform?: NodeJS.Platform | undefined;
  homedir?: string | undefined;
  /** How long a write waits for another process; default 5000 ms. */
  busyTimeoutMs?: number | undefined;
  now?: (() => Date) | undefined;
  generateId?: (() => string) | undefined;
  /** Tests of the migration runner only. */
  migrations?: readonly Migration[] | undefined;
  /** Free bytes on the disk of a directory (rehearsals check there is room); default statfs. */
  freeBytes?: FreeBytes | undefined;
  /**
   * Open for reading only: nothing is created or migrated, so a read-only data directory still
   * works (a missing or empty file reads as no conversations); every write fails STORE_UNWRITABLE.
   * A file that needs a migration is opened for writing anyway.
   */
  readOnly?: boolean | undefined;
}

export interface SqliteConversationStore extends ConversationStore {
  forOwner(principal: string): SqliteConversationStore;
  /** The database file in use. */
  readonly path: string;
  /** The schema version of the open file (`PRAGMA user_version`). */
  readonly schemaVersion: number;
  /** To tell the user once, when set: e.g. that an existing empty (0-byte) file became a new store. */
  readonly notice: string | undefined;
  /** `PRAGMA integrity_check` plus the FTS index check: `['ok']` when healthy. */
  checkIntegrity(): Promise<string[]>;
  /** `PRAGMA quick_check`, for `doctor`: reads every page once; `['ok']` when healthy. */
  quickCheck(): Promise<string[]>;
}

/**
 * Opens the SQLite conversation store (creating the directory, file and schema on first use).
 * Throws STORE_UNWRITABLE, STORE_CORRUPT or STORE_TOO_NEW with a hint; never overwrites a file it
 * does not recognise.
 */
export function openSqliteStore(options: SqliteStoreOptions = {}): SqliteConversationStore {
  const path =
    options.path ??
    resolveDatabasePath(
      options.env ?? process.env,
      options.platform ?? process.platform,
      options.homedir ?? homedir(),
    );
  const how = { path, busyTimeoutMs: options.busyTimeoutMs, migrations: options.migrations };
  const { db, notice } = (options.readOnly ? openDatabaseReadOnly(how) : undefined) ?? openDatabase(how);
  try {
    return new SqliteStore(new SqliteConnection(db, path, notice, options), LOCAL_PRINCIPAL);
  } catch (error) {
    // Preparing the statements reads the schema and the full-text index's configuration.
    db.close();
    throw toStoreError(error, path);
  }
}

/** Thrown to end a rehearsal: better-sqlite3 rolls a transaction back when its function throws. */
const ROLLED_BACK = Symbol('rolled back');

/** What every owner's view of one open file shares: the connection, its statements, its options. */
class SqliteConnection {
  readonly schemaVersion: number;
  readonly now: () => Date;
  readonly generateId: () => string;
  readonly freeBytes: FreeBytes;
  readonly statements: Statements;
  /** Writes a new conversation and its messages; returns them as written. */
  readonly insertNew: Transaction<
    (
      values: ConversationRowValues,
      messages: readonly ParsedNewMessage[],
      written?: WrittenBytes,
    ) => ConversationWithMessages
  >;
  /** Runs a write and always rolls it back (by throwing ROLLED_BACK). */
  readonly rehearsal: Transaction<(writeNow: () => unknown) => never>;
  private readonly transaction: Transaction<(work: () => unknown) => unknown>;
  private rootReadStatements: Statement[] | undefined;

  constructor(
    readonly db: Database,
    readonly path: string,
    readonly notice: string | undefined,
    options: SqliteStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.generateId = options.generateId ?? generateConversationId;
    this.freeBytes = options.freeBytes ?? freeBytesOnDisk;
    this.statements = prepareStatements(db);
    this.schemaVersion = readUserVersion(db);
    // Made once: db.transaction() builds four wrapper functions each time, on every save.
    // Returns what was written rather than reading it back: that read (and its validation) was
    // a third of the cost of creating a conversation.
    this.insertNew = db.transaction((values, messages, written) => {
      const row = insertConversation(this.statements, values);
      const files = withStoredFiles(messages);
      const rows = insertMessages(this.statements, values, 0, files, values.createdAtMs, written);
      return { ...writtenConversation(row, values.system), messages: rows.map(writtenMessage) };
    });
    this.rehearsal = db.transaction((writeNow) => {
      writeNow();
      throw ROLLED_BACK;
    });
    this.transaction = db.transaction((work) => work());
  }

  /** Reads the root page of every table and index (prepared on the first rehearsal). */
  readRoots(): void {
    this.rootReadStatements ??= prepareRootReads(this.db);
    for (const statement of this.rootReadStatements) statement.get();
  }

  /** Runs `work` in one transaction; `immediate` takes the write lock first (for writes). */
  inTransaction<T>(work: () => T, how: { immediate?: boolean } = {}): T {
    // The wrapper returns what `work` returned: T.
    return (how.immediate ? this.transaction.immediate(work) : this.transaction(work)) as T;
  }
}

/** One owner's view of an open file (LOCAL_PRINCIPAL's as opened; `forOwner` makes others). */
class SqliteStore implements SqliteConversationStore {
  private readonly statements: Statements;
  readonly blobs: BlobStore;

  constructor(
    private readonly connection: SqliteConnection,
    readonly owner: string,
  ) {
    this.statements = connection.statements;
    this.blobs = this.blobStore();
  }

  private blobStore(): BlobStore {
    const { owner, statements } = this;
    return {
      put: async (bytes) => {
        const ref = blobRefOf(bytes);
        this.run(() => statements.insertBlob.run({ owner, ...ref, data: Buffer.from(bytes) }));
        return ref;
      },
      get: async (sha256) => {
        const data = this.run(() => statements.selectBlobData.get({ owner, sha256 })) as Buffer | undefined;
        if (data === undefined) throw blobNotFound(sha256);
        return new Uint8Array(data.buffer, data.byteOffset, data.length);
      },
      stat: async (sha256) => {
        const row = this.run(() => statements.statBlob.get({ owner, sha256 })) as
          | { size: number }
          | undefined;
        return row === undefined ? undefined : { sha256, size: row.size };
      },
    };
  }

  get path(): string {
    return this.connection.path;
  }

  get notice(): string | undefined {
    return this.connection.notice;
  }

  get schemaVersion(): number {
    return this.connection.schemaVersion;
  }

  forOwner(principal: string): SqliteConversationStore {
    return new SqliteStore(this.connection, parsePrincipal(principal));
  }

  /** Every call goes through here so SQLite errors come out as BedrockChatErrors. */
  private run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw toStoreError(error, this.path);
    }
  }

  private readConversation(conversationId: string): Conversation {
    const row = this.statements.selectConversation.get({ id: conversationId, owner: this.owner });
    if (row === undefined) throw conversationNotFound(conversationId);
    return toConversation(row);
  }

  private readWithMessages(conversationId: string): ConversationWithMessages {
    // One read transaction: the messages match the conversation row even while others append.
    return this.connection.inTransaction(() => {
      const conversation = this.readConversation(conversationId);
      const rows = this.statements.selectMessages.all(conversationId);
      return { ...conversation, messages: rows.map((row) => toStoredMessage(row, conversationId)) };
    });
  }

  async create(input: CreateConversationInput): Promise<ConversationWithMessages> {
    const parsed = parseCreateInput(input);
    const ids = { id: this.connection.generateId(), owner: this.owner };
    const { insertNew, now } = this.connection;
    return this.run(() =>
      insertNew.immediate(newConversationValues(parsed, ids, now()), parsed.messages ?? []),
    );
  }

  async get(conversationId: string): Promise<ConversationWithMessages> {
    const id = parseConversationId(conversationId);
    return this.run(() => this.readWithMessages(id));
  }

  async list(options?: ListConversationsOptions): Promise<ConversationPage> {
    return this.run(() => listConversations(this.statements, this.owner, options));
  }

  /** The body of the append transaction: the position check, the messages, the new totals. */
  private appendInTransaction(parsed: ParsedAppendInput, written?: WrittenBytes): Conversation {
    const id = parsed.conversationId;
    const current = this.readConversation(id);
    if (current.messageCount !== parsed.expectedPosition) {
      throw conversationConflict({
        conversationId: id,
        expectedPosition: parsed.expectedPosition,
        actualPosition: current.messageCount,
      });
    }
    const nowMs = this.connection.now().getTime();
    const files = withStoredFiles(parsed.messages);
    const conversation = { id, owner: this.owner };
    insertMessages(this.statements, conversation, parsed.expectedPosition, files, nowMs, written);
    const totals = messageTotals(parsed.messages);
    this.statements.updateAfterAppend.run({
      id,
      owner: this.owner,
      added: parsed.messages.length,
      now: nowMs,
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
      cacheReadTokens: totals.cacheReadInputTokens,
      cacheWriteTokens: totals.cacheWriteInputTokens,
      costUsd: totals.costUsd,
      cacheSavedUsd: totals.cacheSavedUsd,
      setModel: parsed.model === undefined ? 0 : 1,
      model: parsed.model ?? null,
      setSystem: parsed.system === undefined ? 0 : 1,
      systemJson: systemJson(parsed.system),
    });
    return this.readConversation(id);
  }

  async appendMessages(input: AppendMessagesInput): Promise<Conversation> {
    const parsed = parseAppendInput(input);
    return this.run(() => {
      try {
        return this.connection.inTransaction(() => this.appendInTransaction(parsed), { immediate: true });
      } catch (error) {
        // The UNIQUE(conversation_id, position) backstop: should the check above ever be bypassed.
        if (!isUniqueViolation(error)) throw error;
        throw conversationConflict({
          conversationId: parsed.conversationId,
          expectedPosition: parsed.expectedPosition,
          actualPosition: this.readConversation(parsed.conversationId).messageCount,
        });
      }
    });
  }

  async rehearseWrite(write: StoreWrite): Promise<void> {
    // Parsed as the real write parses, so invalid input fails the same way; the rehearsal counts
    // what the write puts in the file (files new to the owner, rows as stored) for the room check.
    const written: WrittenBytes = { blobBytes: 0, rowBytes: 0 };
    let writeNow: () => unknown;
    if (write.kind === 'create') {
      const parsed = parseCreateInput(write.input);
      // Not the injected generator: a rehearsal must not change the ids that real writes get.
      const ids = { id: generateConversationId(), owner: this.owner };
      const { insertNew, now } = this.connection;
      writeNow = () => insertNew(newConversationValues(parsed, ids, now()), parsed.messages ?? [], written);
    } else {
      const parsed = parseAppendInput(write.input);
      writeNow = () => this.appendInTransaction(parsed, written);
    }
    this.run(() => {
      this.connection.readRoots();
      try {
        this.connection.rehearsal.immediate(writeNow);
      } catch (error) {
        if (error !== ROLLED_BACK) throw error;
      }
    });
    checkFreeSpace(this.path, written, this.connection.freeBytes);
  }

  async rename(conversationId: string, title: string): Promise<Conversation> {
    const id = parseConversationId(conversationId);
    const newTitle = parseTitle(title);
    return this.run(() => {
      const changes = this.statements.rename.run({ title: newTitle, id, owner: this.owner }).changes;
      if (changes === 0) throw conversationNotFound(id);
      return this.readConversation(id);
    });
  }

  async delete(conversationId: string): Promise<void> {
    const id = parseConversationId(conversationId);
    const { statements } = this;
    this.run(() =>
      this.connection.inTransaction(
        () => {
          // Its files go too, unless another of the owner's conversations refers to them.
          const blobIds = statements.conversationBlobIds.all(id);
          if (statements.delete.run({ id, owner: this.owner }).changes === 0) throw conversationNotFound(id);
          for (const blobId of blobIds) statements.deleteOrphanBlob.run(blobId);
        },
        { immediate: true },
      ),
    );
  }

  async export(conversationId: string, format: ExportFormat): Promise<string> {
    return formatConversation(await this.get(conversationId), format, this.connection.now(), this.blobs);
  }

  async import(document: unknown, options: ImportOptions = {}): Promise<Conversation> {
    const { conversation, files } = parseImport(document);
    conversation.owner = this.owner;
    return this.run(() => {
      const id = importConversation(this.connection.db, this.statements, conversation, {
        onExistingId: options.onExistingId,
        generateId: this.connection.generateId,
        files,
      });
      return this.readConversation(id);
    });
  }

  async owners(): Promise<string[]> {
    return this.run(() =>
      this.statements.selectOwners
        .all()
        .map((owner) => String(owner))
        .sort(),
    );
  }

  async checkIntegrity(): Promise<string[]> {
    return this.run(() => integrityCheck(this.statements));
  }

  async quickCheck(): Promise<string[]> {
    return this.run(() => quickCheck(this.statements));
  }

  async close(): Promise<void> {
    if (this.connection.db.open) this.connection.db.close();
  }
}
