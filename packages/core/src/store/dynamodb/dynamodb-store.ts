import { randomUUID } from 'node:crypto';
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ReturnValuesOnConditionCheckFailure,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { formatConversation, parseConversationExport } from '../conversation-export.js';
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
import { decodeCursor, pageOf, roundUsd } from '../list-paging.js';
import { conversationConflict, conversationIdTaken, conversationNotFound } from '../store-errors.js';
import {
  messageTotals,
  newConversation,
  newStoredMessage,
  type ParsedAppendInput,
  type ParsedNewMessage,
  parseAppendInput,
  parseCreateInput,
  parseListOptions,
  parseTitle,
} from '../store-input.js';
import { parsePrincipal } from '../store-owner.js';
import { batchWrite, type DynamoSender, queryAll, transact } from './dynamodb-client.js';
import {
  type DynamoTarget,
  searchUnsupported,
  storeBusy,
  toDynamoStoreError,
  tooManyMessages,
} from './dynamodb-errors.js';
import {
  type ConversationRecord,
  conversationItem,
  conversationKey,
  type Item,
  listItem,
  listKey,
  listSortKey,
  ownerPartition,
  toConversationRecord,
  toListedConversation,
} from './dynamodb-items.js';
import { decodeMessages, encodeMessages, MAX_MESSAGES_PER_TRANSACTION } from './dynamodb-messages.js';

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

/** One owner's view of a DynamoDB table holding conversations. */
export class DynamoStore implements ConversationStore {
  constructor(
    private readonly connection: DynamoConnection,
    readonly owner: string,
  ) {}

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

  /** Writes chunks first, then the transaction; a cancelled transaction deletes its chunks. */
  private async writeTurn(chunkItems: Item[], items: TransactWriteItem[]) {
    if (chunkItems.length > 0)
      await batchWrite(
        this.connection.client,
        this.table,
        chunkItems.map((put) => ({ put })),
      );
    const result = await transact(this.connection.client, items);
    if (!result.ok && chunkItems.length > 0) {
      const keys = chunkItems.map(({ pk, sk }) => ({ deleteKey: { pk, sk } as Item }));
      await batchWrite(this.connection.client, this.table, keys).catch(() => undefined);
    }
    return result;
  }

  /** A new conversation: its messages and META, which makes it exist, all or nothing. */
  private async writeNew(conversation: Conversation, messages: StoredMessage[]): Promise<'ok' | 'taken'> {
    const { messageItems, chunkItems } = encodeMessages(conversation.id, messages, randomUUID());
    const head: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: conversationItem({ conversation, revision: 1 }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table, Item: listItem(conversation) } },
    ];
    const messagePuts = messageItems.map((Item) => ({ Put: { TableName: this.table, Item } }));
    // A long import: its messages go first (invisible without META), then META alone.
    const inTransaction = messageItems.length <= MAX_MESSAGES_PER_TRANSACTION;
    const early = inTransaction ? chunkItems : [...chunkItems, ...messageItems];
    const result = await this.writeTurn(early, inTransaction ? [...head, ...messagePuts] : head);
    if (result.ok) return 'ok';
    if (result.codes[0] === 'ConditionalCheckFailed') return 'taken';
    throw this.busy();
  }

  async create(input: CreateConversationInput): Promise<ConversationWithMessages> {
    const parsed = parseCreateInput(input);
    const ids = { id: this.connection.generateId(), owner: this.owner };
    const { messages, ...conversation } = asStored(newConversation(parsed, ids, this.connection.now()));
    return this.run(async () => {
      if ((await this.writeNew(conversation, messages)) === 'taken')
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
      ...before,
      updatedAt,
      messageCount: before.messageCount + messages.length,
      inputTokens: before.inputTokens + totals.inputTokens,
      outputTokens: before.outputTokens + totals.outputTokens,
      costUsd: roundUsd(before.costUsd + totals.costUsd),
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
    if (parsed.messages.length > MAX_MESSAGES_PER_TRANSACTION) {
      throw tooManyMessages(parsed.messages.length, MAX_MESSAGES_PER_TRANSACTION);
    }
    const id = parsed.conversationId;
    return this.run(async () => {
      for (let attempt = 0; attempt < GIVE_UP_AFTER; attempt++) {
        const record = await this.readRecord(id);
        this.checkPosition(record, parsed);
        const { conversation, messages } = this.appended(record, parsed, this.connection.now());
        const { messageItems, chunkItems } = encodeMessages(id, messages, randomUUID());
        const puts = messageItems.map((Item) => ({ Put: { TableName: this.table, Item } }));
        const result = await this.writeTurn(chunkItems, [
          ...this.replaceItems(record, conversation),
          ...puts,
        ]);
        if (result.ok) return conversation;
        if (result.codes[0] !== 'ConditionalCheckFailed') throw this.busy();
        // META changed since we read it: another append (a conflict, said by the next read) or a
        // rename (then the position still matches and we try again).
      }
      throw this.busy();
    });
  }

  async rehearseWrite(write: StoreWrite): Promise<void> {
    // Parsed and encoded as the real write would be, so invalid input fails the same way.
    if (write.kind === 'create') {
      const parsed = parseCreateInput(write.input);
      const messages = (parsed.messages ?? []).map((message, index) => toStored(message, index, new Date(0)));
      encodeMessages(generateConversationId(), messages, 'rehearsal');
    } else {
      const parsed = parseAppendInput(write.input);
      if (parsed.messages.length > MAX_MESSAGES_PER_TRANSACTION) {
        throw tooManyMessages(parsed.messages.length, MAX_MESSAGES_PER_TRANSACTION);
      }
    }
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
        ]);
        if (result.ok) break;
        if (result.codes[0] !== 'ConditionalCheckFailed') throw this.busy();
      }
      // Gone for every reader once META is; the messages and chunks follow.
      const rest = await queryAll(this.connection.client, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `C#${id}` } },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      await batchWrite(
        this.connection.client,
        this.table,
        rest.map((key) => ({ deleteKey: key })),
      );
    });
  }

  async export(conversationId: string, format: ExportFormat): Promise<string> {
    return formatConversation(await this.get(conversationId), format, this.connection.now());
  }

  async import(document: unknown, options: ImportOptions = {}): Promise<Conversation> {
    const { conversation: imported } = parseConversationExport(document);
    const { messages, ...summary } = imported;
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
      if ((await this.writeNew(conversation, asStored(messages))) === 'taken') {
        throw conversationIdTaken(conversation.id);
      }
      return conversation;
    });
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}
