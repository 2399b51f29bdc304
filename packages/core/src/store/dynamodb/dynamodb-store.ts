import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ReturnValuesOnConditionCheckFailure,
  ScanCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { BlobStore } from '../blob-store.js';
import { blobNotFound } from '../blob-store.js';
import { formatConversation, parseImport } from '../conversation-export.js';
import { generateConversationId, parseConversationId } from '../conversation-id.js';
import type { Conversation, ConversationWithMessages, StoredMessage } from '../conversation-schemas.js';
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
import { decodeCursor, pageOf } from '../list-paging.js';
import { conversationConflict, conversationIdTaken, conversationNotFound } from '../store-errors.js';
import {
  addTotals,
  type MessagesWithFiles,
  messageTotals,
  newConversation,
  newStoredMessage,
  type ParsedAppendInput,
  type ParsedNewMessage,
  parseAppendInput,
  parseCreateInput,
  parseListOptions,
  parseTitle,
  withStoredFiles,
} from '../store-input.js';
import { parsePrincipal } from '../store-owner.js';
import {
  addReferences,
  blobExists,
  type DynamoBlobTarget,
  deleteChunks,
  deleteIfUnreferenced,
  dropReferences,
  dynamoBlobStore,
  ensureBlob,
  releaseReferences,
} from './dynamodb-blobs.js';
import { batchWrite, type DynamoSender, queryAll, transact } from './dynamodb-client.js';
import {
  conversationTooLarge,
  type DynamoTarget,
  importInProgress,
  searchUnsupported,
  storeBusy,
  toDynamoStoreError,
  tooManyMessages,
} from './dynamodb-errors.js';
import { itemSize, MAX_ITEM_BYTES } from './dynamodb-item-size.js';
import {
  type ConversationRecord,
  conversationItem,
  conversationKey,
  type Item,
  importClaimKey,
  listItem,
  listKey,
  listSortKey,
  ownerPartition,
  toConversationRecord,
  toListedConversation,
} from './dynamodb-items.js';
import {
  decodeMessages,
  encodeMessages,
  MAX_MESSAGES_PER_TRANSACTION,
  referenceCounts,
} from './dynamodb-messages.js';

export interface DynamoConnection extends DynamoTarget {
  client: DynamoSender;
  now: () => Date;
  generateId: () => string;
  /** Called by close(): destroys a client the store made itself. */
  close(): void;
}

/** A JSON round trip: what the store returns is exactly what reading it back gives (-0 becomes 0). */
const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function toStored(message: ParsedNewMessage, position: number, now: Date): StoredMessage {
  return asStored(newStoredMessage(message, position, now));
}

const GIVE_UP_AFTER = 10;
/** A long import's claim on its id older than this is taken for one whose writer died. */
const IMPORT_CLAIM_ABANDONED_MS = 15 * 60_000;
/** A transaction holds at most 100 actions (TransactWriteItems): a delete's two, and its files. */
const MAX_FILES_PER_DELETE = 98;

/**
 * Room left in META for what may grow after the conversation is created: a rename to the longest
 * title (200 characters, JSON-escaped, in UTF-8), totals, the model.
 */
const META_HEADROOM_BYTES = 4 * 1024;

/** META (and the list entry, a copy of its summary) must fit in one item for the conversation's life. */
function checkConversationFits(conversation: Conversation): void {
  const bytes = itemSize(conversationItem({ conversation, revision: 1 }));
  const max = MAX_ITEM_BYTES - META_HEADROOM_BYTES;
  if (bytes > max) throw conversationTooLarge(bytes, max);
}

/** One append's messages and the files they refer to share one transaction's actions. */
function checkActions(messages: number, files: number): void {
  if (messages + files > MAX_MESSAGES_PER_TRANSACTION) {
    throw tooManyMessages(messages + files, MAX_MESSAGES_PER_TRANSACTION);
  }
}

/** One owner's view of a DynamoDB table holding conversations. */
export class DynamoStore implements ConversationStore {
  readonly blobs: BlobStore;
  private readonly files: DynamoBlobTarget;

  constructor(
    private readonly connection: DynamoConnection,
    readonly owner: string,
  ) {
    this.files = { client: connection.client, table: connection.table, owner };
    this.blobs = dynamoBlobStore(this.files, (work) => this.run(work));
  }

  forOwner(principal: string): DynamoStore {
    return new DynamoStore(this.connection, parsePrincipal(principal));
  }

  private get table(): string {
    return this.connection.table;
  }

  /** Every call goes through here so SDK errors come out as BedrockChatErrors. */
  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toDynamoStoreError(error, this.connection);
    }
  }

  /** The conversation's META item, strongly consistent, if this owner has it. */
  private async readRecord(id: string): Promise<ConversationRecord> {
    const { Item: item } = await this.connection.client.send(
      new GetItemCommand({ TableName: this.table, Key: conversationKey(id), ConsistentRead: true }),
    );
    const record = item && toConversationRecord(item, `conversation ${id}`);
    if (record === undefined || record.conversation.owner !== this.owner) throw conversationNotFound(id);
    return record;
  }

  private busy(): BedrockChatError {
    return storeBusy(this.connection);
  }

  /**
   * Stores the files the messages bring (each unless the owner holds it) and checks that the
   * owner holds those they only refer to; returns the hashes this call created.
   */
  private async writeFiles(files: MessagesWithFiles): Promise<string[]> {
    const created: string[] = [];
    for (const [sha256, bytes] of files.blobs) if (await ensureBlob(this.files, bytes)) created.push(sha256);
    for (const sha256 of files.referenced) {
      if (!files.blobs.has(sha256) && !(await blobExists(this.files, sha256))) throw blobNotFound(sha256);
    }
    return created;
  }

  /** The transaction actions that count the messages' references to their files. */
  private referenceItems(messages: readonly StoredMessage[]): TransactWriteItem[] {
    return [...referenceCounts(messages)].map(([sha256, count]) => addReferences(this.files, sha256, count));
  }

  /**
   * Writes files and chunks first, then the transaction; a cancelled transaction deletes its
   * chunks and the files it created that nobody else has come to refer to since.
   */
  private async writeTurn(chunkItems: Item[], items: TransactWriteItem[], files: MessagesWithFiles) {
    const created = await this.writeFiles(files);
    if (chunkItems.length > 0)
      await batchWrite(
        this.connection.client,
        this.table,
        chunkItems.map((put) => ({ put })),
      );
    const result = await transact(this.connection.client, items);
    if (!result.ok) {
      const keys = chunkItems.map(({ pk, sk }) => ({ deleteKey: { pk, sk } as Item }));
      await batchWrite(this.connection.client, this.table, keys).catch(() => undefined);
      for (const sha256 of created) await deleteIfUnreferenced(this.files, sha256).catch(() => undefined);
    }
    return result;
  }

  /** Whether a cancelled transaction lost only because a file it refers to was deleted meanwhile. */
  private static lostAFile(codes: readonly string[], firstReference: number): boolean {
    return codes.slice(firstReference).includes('ConditionalCheckFailed');
  }

  /** A new conversation: its messages and META, which makes it exist, all or nothing. */
  private async writeNew(
    conversation: Conversation,
    messages: StoredMessage[],
    files: MessagesWithFiles,
  ): Promise<'ok' | 'taken' | 'claimed'> {
    checkConversationFits(conversation);
    const references = this.referenceItems(messages);
    // A long import: its messages go first (invisible without META), then META.
    const inTransaction = messages.length + references.length <= MAX_MESSAGES_PER_TRANSACTION;
    if (!inTransaction) return this.writeLongImport(conversation, messages, files);
    for (let attempt = 0; attempt < GIVE_UP_AFTER; attempt++) {
      const { messageItems, chunkItems } = encodeMessages(conversation.id, messages, randomUUID());
      const head = this.newConversationItems(conversation);
      const messagePuts = messageItems.map((Item) => ({ Put: { TableName: this.table, Item } }));
      const items = [...head, ...messagePuts, ...references];
      const result = await this.writeTurn(chunkItems, items, files);
      if (result.ok) return 'ok';
      if (result.codes[0] === 'ConditionalCheckFailed') return 'taken';
      if (!DynamoStore.lostAFile(result.codes, head.length + messagePuts.length)) throw this.busy();
      // A file was deleted between its write and the transaction: write it again and retry.
    }
    throw this.busy();
  }

  /** META and the list entry of a new conversation; META only if the id is free. */
  private newConversationItems(conversation: Conversation): TransactWriteItem[] {
    return [
      {
        Put: {
          TableName: this.table,
          Item: conversationItem({ conversation, revision: 1 }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table, Item: listItem(conversation) } },
    ];
  }

  /**
   * An import too long for one transaction. Message keys are the same for every writer of this
   * id, so the id is claimed first (two imports of one id at once would otherwise write over each
   * other's messages before one META won); then files, chunks and messages, all invisible without
   * META; then META, the list entry, the claim's release and the files' references in one
   * transaction, so a crash anywhere before it leaves no conversation and no file counted.
   */
  private async writeLongImport(
    conversation: Conversation,
    messages: StoredMessage[],
    files: MessagesWithFiles,
  ): Promise<'ok' | 'taken' | 'claimed'> {
    const writeId = randomUUID();
    const claimed = await this.claimImport(conversation.id, writeId);
    if (claimed !== 'ok') return claimed;
    // An import that fails (throttled, stopped) gives the id back at once; only a writer that
    // dies holds it until the claim is abandoned.
    const giveBack = () =>
      this.connection.client
        .send(new DeleteItemCommand(this.releaseClaim(conversation.id, writeId)))
        .catch(() => undefined);
    try {
      const written = await this.writeClaimedImport(conversation, messages, files, writeId);
      if (written !== 'ok') await giveBack();
      return written;
    } catch (error) {
      await giveBack();
      throw error;
    }
  }

  /** A long import once its id is claimed: see writeLongImport. */
  private async writeClaimedImport(
    conversation: Conversation,
    messages: StoredMessage[],
    files: MessagesWithFiles,
    writeId: string,
  ): Promise<'ok' | 'taken' | 'claimed'> {
    const { messageItems, chunkItems } = encodeMessages(conversation.id, messages, writeId);
    await batchWrite(
      this.connection.client,
      this.table,
      [...chunkItems, ...messageItems].map((put) => ({ put })),
    );
    const head = [
      ...this.newConversationItems(conversation),
      { Delete: this.releaseClaim(conversation.id, writeId) },
    ];
    const references = this.referenceItems(messages);
    if (head.length + references.length > MAX_MESSAGES_PER_TRANSACTION) {
      return this.finishCountedImport(head, messages, files);
    }
    for (let attempt = 0; attempt < GIVE_UP_AFTER; attempt++) {
      const result = await this.writeTurn([], [...head, ...references], files);
      if (result.ok) return 'ok';
      if (result.codes[0] === 'ConditionalCheckFailed') return 'taken';
      if (result.codes[2] === 'ConditionalCheckFailed') return 'claimed';
      if (!DynamoStore.lostAFile(result.codes, head.length)) throw this.busy();
    }
    throw this.busy();
  }

  /**
   * A long import referring to more distinct files than META's transaction holds: each file's
   * references are counted first, one conditional update each, and taken off again if META loses
   * (a crash in between leaves those files counted too high: kept, never lost).
   */
  private async finishCountedImport(
    head: TransactWriteItem[],
    messages: StoredMessage[],
    files: MessagesWithFiles,
  ): Promise<'ok' | 'taken' | 'claimed'> {
    await this.writeFiles(files);
    const counts = [...referenceCounts(messages)];
    for (const [sha256, count] of counts) {
      const result = await transact(this.connection.client, [addReferences(this.files, sha256, count)]);
      if (!result.ok) throw this.busy();
    }
    const result = await transact(this.connection.client, head);
    if (result.ok) return 'ok';
    for (const [sha256, count] of counts) await dropReferences(this.files, sha256, count);
    if (result.codes[0] === 'ConditionalCheckFailed') return 'taken';
    if (result.codes[2] === 'ConditionalCheckFailed') return 'claimed';
    throw this.busy();
  }

  /** Deletes a long import's claim on its id (in META's transaction) if the claim is still ours. */
  private releaseClaim(id: string, writeId: string) {
    return {
      TableName: this.table,
      Key: importClaimKey(id),
      ConditionExpression: 'writeId = :writeId',
      ExpressionAttributeValues: { ':writeId': { S: writeId } },
    };
  }

  /** Claims an id for a long import: only while it has no META and no live claim of another import. */
  private async claimImport(id: string, writeId: string): Promise<'ok' | 'taken' | 'claimed'> {
    const nowMs = this.connection.now().getTime();
    const result = await transact(this.connection.client, [
      {
        ConditionCheck: {
          TableName: this.table,
          Key: conversationKey(id),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...importClaimKey(id), writeId: { S: writeId }, claimedAt: { N: String(nowMs) } },
          ConditionExpression: 'attribute_not_exists(pk) OR claimedAt < :abandoned',
          ExpressionAttributeValues: { ':abandoned': { N: String(nowMs - IMPORT_CLAIM_ABANDONED_MS) } },
        },
      },
    ]);
    if (result.ok) return 'ok';
    if (result.codes[0] === 'ConditionalCheckFailed') return 'taken';
    if (result.codes[1] === 'ConditionalCheckFailed') return 'claimed';
    throw this.busy();
  }

  async create(input: CreateConversationInput): Promise<ConversationWithMessages> {
    const parsed = parseCreateInput(input);
    const files = withStoredFiles(parsed.messages ?? []);
    parsed.messages = files.messages;
    const ids = { id: this.connection.generateId(), owner: this.owner };
    const { messages, ...conversation } = asStored(newConversation(parsed, ids, this.connection.now()));
    return this.run(async () => {
      if ((await this.writeNew(conversation, messages, files)) !== 'ok')
        throw conversationIdTaken(conversation.id);
      return { ...conversation, messages };
    });
  }

  async get(conversationId: string): Promise<ConversationWithMessages> {
    const id = parseConversationId(conversationId);
    return this.run(async () => {
      // One Query reads the partition: chunks, messages, then META (sort key order). A read that
      // overlaps an append can see the new META without its messages: then it reads again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const items = await queryAll(this.connection.client, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `C#${id}` } },
          ConsistentRead: true,
        });
        const meta = items.find((item) => item.sk?.S === 'META');
        const record = meta && toConversationRecord(meta, `conversation ${id}`);
        if (record === undefined || record.conversation.owner !== this.owner) throw conversationNotFound(id);
        const messages = decodeMessages(items, record.conversation.messageCount, id);
        if (messages !== undefined) return { ...record.conversation, messages };
      }
      throw toDynamoStoreError(
        new Error(`conversation ${id} kept changing while it was read`),
        this.connection,
      );
    });
  }

  async list(options?: ListConversationsOptions): Promise<ConversationPage> {
    const { limit, cursor, search } = parseListOptions(options);
    if (search !== undefined) throw searchUnsupported();
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    return this.run(async () => {
      const rows: Item[] = [];
      let start: Item | undefined = after && listKey(this.owner, after.updatedAtMs, after.id);
      do {
        const page = await this.connection.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
            ExpressionAttributeValues: { ':pk': ownerPartition(this.owner), ':u': { S: 'U#' } },
            ScanIndexForward: false,
            ConsistentRead: true,
            Limit: limit + 1 - rows.length,
            ExclusiveStartKey: start,
          }),
        );
        rows.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start !== undefined && rows.length <= limit);
      return pageOf(rows.map(toListedConversation), limit);
    });
  }

  /** The transaction items that move a conversation from `before` to `after` (META + list entry). */
  private replaceItems(before: ConversationRecord, after: Conversation): TransactWriteItem[] {
    const oldKey = listSortKey(Date.parse(before.conversation.updatedAt), after.id);
    const newKey = listSortKey(Date.parse(after.updatedAt), after.id);
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: conversationItem({ conversation: after, revision: before.revision + 1 }),
          // The conflict rule: only while nobody else wrote META since we read it.
          ConditionExpression: 'revision = :revision AND messageCount = :count AND #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':revision': { N: String(before.revision) },
            ':count': { N: String(before.conversation.messageCount) },
            ':owner': { S: this.owner },
          },
          ReturnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
      },
      { Put: { TableName: this.table, Item: listItem(after) } },
    ];
    // No two actions of a transaction may target one item: an unchanged key is just overwritten.
    if (oldKey !== newKey) {
      items.push({
        Delete: { TableName: this.table, Key: { pk: ownerPartition(this.owner), sk: { S: oldKey } } },
      });
    }
    return items;
  }

  private appended(record: ConversationRecord, parsed: ParsedAppendInput, now: Date) {
    const before = record.conversation;
    const totals = messageTotals(parsed.messages);
    const messages = parsed.messages.map((message, offset) =>
      toStored(message, parsed.expectedPosition + offset, now),
    );
    const updatedAt = new Date(Math.max(Date.parse(before.updatedAt), now.getTime())).toISOString();
    const conversation: Conversation = asStored({
      ...addTotals(before, totals),
      updatedAt,
      messageCount: before.messageCount + messages.length,
      ...(parsed.model === undefined ? {} : { model: parsed.model }),
      ...(parsed.system === undefined ? {} : { system: parsed.system }),
    });
    return { conversation, messages };
  }

  private checkPosition(record: ConversationRecord, parsed: ParsedAppendInput): void {
    if (record.conversation.messageCount !== parsed.expectedPosition) {
      throw conversationConflict({
        conversationId: parsed.conversationId,
        expectedPosition: parsed.expectedPosition,
        actualPosition: record.conversation.messageCount,
      });
    }
  }

  async appendMessages(input: AppendMessagesInput): Promise<Conversation> {
    const parsed = parseAppendInput(input);
    const files = withStoredFiles(parsed.messages);
    parsed.messages = files.messages;
    checkActions(parsed.messages.length, files.referenced.size);
    const id = parsed.conversationId;
    return this.run(async () => {
      for (let attempt = 0; attempt < GIVE_UP_AFTER; attempt++) {
        const record = await this.readRecord(id);
        this.checkPosition(record, parsed);
        const { conversation, messages } = this.appended(record, parsed, this.connection.now());
        const { messageItems, chunkItems } = encodeMessages(id, messages, randomUUID());
        const puts = messageItems.map((Item) => ({ Put: { TableName: this.table, Item } }));
        const head = [...this.replaceItems(record, conversation), ...puts];
        const result = await this.writeTurn(chunkItems, [...head, ...this.referenceItems(messages)], files);
        if (result.ok) return conversation;
        // A file deleted between its write and the transaction: write it again.
        if (result.codes[0] !== 'ConditionalCheckFailed' && DynamoStore.lostAFile(result.codes, head.length))
          continue;
        if (result.codes[0] !== 'ConditionalCheckFailed') throw this.busy();
        // META changed since we read it: another append (a conflict, said by the next read) or a
        // rename (then the position still matches and we try again).
      }
      throw this.busy();
    });
  }

  async rehearseWrite(write: StoreWrite): Promise<void> {
    // Parsed and encoded as the real write would be, so invalid input fails the same way.
    const files = withStoredFiles(
      write.kind === 'create'
        ? (parseCreateInput(write.input).messages ?? [])
        : parseAppendInput(write.input).messages,
    );
    if (write.kind === 'create') {
      const parsed = parseCreateInput(write.input);
      const ids = { id: generateConversationId(), owner: this.owner };
      const { messages: _messages, ...conversation } = newConversation(parsed, ids, new Date(0));
      checkConversationFits(asStored(conversation));
      const messages = files.messages.map((message, index) => toStored(message, index, new Date(0)));
      encodeMessages(ids.id, messages, 'rehearsal');
    } else {
      checkActions(files.messages.length, files.referenced.size);
    }
    // Files it only refers to must be the owner's already (those it brings are written first).
    await this.run(async () => {
      for (const sha256 of files.referenced) {
        if (!files.blobs.has(sha256) && !(await blobExists(this.files, sha256))) throw blobNotFound(sha256);
      }
    });
    const id =
      write.kind === 'create' ? generateConversationId() : parseAppendInput(write.input).conversationId;
    // A write that cannot succeed: its condition is false for every item. DynamoDB still checks
    // the table, the credentials and the PutItem permission (a transaction's Put needs the same,
    // "Using IAM with DynamoDB transactions"), throttles it like a write, and writes nothing;
    // for an append it returns the stored META, whose owner and position we then check.
    await this.run(async () => {
      try {
        await this.connection.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: conversationKey(id),
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: ReturnValuesOnConditionCheckFailure.ALL_OLD,
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        if (write.kind === 'create') return;
        const item = (error as { Item?: Item }).Item;
        const record = item && toConversationRecord(item, `conversation ${id}`);
        if (record === undefined || record.conversation.owner !== this.owner) throw conversationNotFound(id);
        this.checkPosition(record, parseAppendInput(write.input));
        return;
      }
      throw new BedrockChatError({
        code: 'INTERNAL',
        message: 'A rehearsal write met a condition that is always false.',
      });
    });
  }

  async rename(conversationId: string, title: string): Promise<Conversation> {
    const id = parseConversationId(conversationId);
    const newTitle = parseTitle(title);
    return this.run(async () => {
      for (let attempt = 0; attempt < GIVE_UP_AFTER; attempt++) {
        const record = await this.readRecord(id);
        const conversation: Conversation = asStored({ ...record.conversation, title: newTitle });
        const result = await transact(this.connection.client, this.replaceItems(record, conversation));
        if (result.ok) return conversation;
        if (result.codes[0] !== 'ConditionalCheckFailed') throw this.busy();
      }
      throw this.busy();
    });
  }

  async delete(conversationId: string): Promise<void> {
    const id = parseConversationId(conversationId);
    await this.run(async () => {
      for (let attempt = 0; ; attempt++) {
        if (attempt >= GIVE_UP_AFTER) throw this.busy();
        const record = await this.readRecord(id);
        // The messages and chunks, and how often the messages refer to each file (what the
        // conversation holds of their reference counts). The revision check below makes sure
        // no append came in between.
        const rest = await queryAll(this.connection.client, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `C#${id}` } },
          ProjectionExpression: 'pk, sk, files',
          ConsistentRead: true,
        });
        const counts = new Map<string, number>();
        for (const item of rest)
          for (const sha256 of item.files?.SS ?? []) counts.set(sha256, (counts.get(sha256) ?? 0) + 1);
        // One transaction: the conversation, its list entry and its references go together, and
        // the files only it referred to with them. Past the transaction's 100 actions the rest
        // are taken off after it, as before.
        const inTransaction = new Map([...counts].slice(0, MAX_FILES_PER_DELETE));
        const later = [...counts].slice(MAX_FILES_PER_DELETE);
        const { items: references, released } = await releaseReferences(this.files, inTransaction);
        const listEntry = listKey(this.owner, Date.parse(record.conversation.updatedAt), id);
        const result = await transact(this.connection.client, [
          {
            Delete: {
              TableName: this.table,
              Key: conversationKey(id),
              ConditionExpression: 'revision = :revision',
              ExpressionAttributeValues: { ':revision': { N: String(record.revision) } },
            },
          },
          { Delete: { TableName: this.table, Key: listEntry } },
          ...references,
        ]);
        if (!result.ok) {
          // META or a file's count changed since we read them: read again.
          if (result.codes.includes('ConditionalCheckFailed')) continue;
          throw this.busy();
        }
        // Gone for every reader now; what is left is unreadable without META: delete it.
        await batchWrite(
          this.connection.client,
          this.table,
          rest.map(({ pk, sk }) => ({ deleteKey: { pk, sk } as Item })),
        );
        await deleteChunks(this.files, released);
        for (const [sha256, count] of later) await dropReferences(this.files, sha256, count);
        return;
      }
    });
  }

  async export(conversationId: string, format: ExportFormat): Promise<string> {
    return formatConversation(await this.get(conversationId), format, this.connection.now(), this.blobs);
  }

  async import(document: unknown, options: ImportOptions = {}): Promise<Conversation> {
    const { conversation: imported, files: documentFiles } = parseImport(document);
    const files = withStoredFiles(imported.messages, documentFiles);
    const { messages: _messages, ...summary } = imported;
    const messages = imported.messages.map((message, index) => ({
      ...message,
      content: files.messages[index]?.content ?? message.content,
    }));
    const conversation: Conversation = asStored({ ...summary, owner: this.owner });
    return this.run(async () => {
      // Ids are unique across owners: any META under this id makes it taken.
      const { Item: existing } = await this.connection.client.send(
        new GetItemCommand({
          TableName: this.table,
          Key: conversationKey(conversation.id),
          ConsistentRead: true,
        }),
      );
      if (existing !== undefined) {
        if (options.onExistingId !== 'new-id') throw conversationIdTaken(conversation.id);
        conversation.id = this.connection.generateId();
      }
      let written = await this.writeNew(conversation, asStored(messages), files);
      if (written === 'claimed' && options.onExistingId === 'new-id') {
        conversation.id = this.connection.generateId();
        written = await this.writeNew(conversation, asStored(messages), files);
      }
      if (written === 'claimed') throw importInProgress(conversation.id, IMPORT_CLAIM_ABANDONED_MS);
      if (written === 'taken') throw conversationIdTaken(conversation.id);
      return conversation;
    });
  }

  async owners(): Promise<string[]> {
    // No item lists the owners (every write would have to touch one hot item): a Scan of the
    // owner partitions' keys. It reads the whole table, as the export of a whole store does anyway.
    return this.run(async () => {
      const owners = new Set<string>();
      let start: Item | undefined;
      do {
        const page = await this.connection.client.send(
          new ScanCommand({
            TableName: this.table,
            ProjectionExpression: 'pk',
            FilterExpression: 'begins_with(pk, :owner)',
            ExpressionAttributeValues: { ':owner': { S: 'O#' } },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) owners.add(item.pk?.S?.slice(2) ?? '');
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return [...owners].sort();
    });
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}
