import { blobRefsOf } from '../blob-blocks.js';
import type { StoredMessage } from '../conversation-schemas.js';
import { storeCorrupt } from '../store-errors.js';
import { chunkKey, type Item, messageKey, toStoredMessageFromJson } from './dynamodb-items.js';

/**
 * Messages as items. DynamoDB limits an item to 400 KB (attribute names and values, "Constraints
 * in Amazon DynamoDB", Items) and a transaction to 100 actions and 4 MB in all (API reference,
 * TransactWriteItems). A message's JSON goes inline in its item while it is small and the turn's
 * transaction has room; otherwise it is split into chunk items of CHUNK_BYTES, written before the
 * transaction under a key of that write alone (so a write that loses its race deletes only its own
 * chunks), and the message item lists them. Chunks nobody lists are never read.
 */
export const INLINE_MAX_BYTES = 32 * 1024;
export const CHUNK_BYTES = 300 * 1024;
/** What inline bodies may add to one transaction, leaving the 4 MB for keys and the summary. */
export const TRANSACTION_INLINE_BUDGET = 3 * 1024 * 1024;
/**
 * 100 actions less the conversation, the old and the new list entry, and one spare: shared by
 * the messages and the files they refer to (one reference update per distinct file).
 */
export const MAX_MESSAGES_PER_TRANSACTION = 96;

/** How many of the messages refer to each file: what the turn's transaction adds to its `refCount`. */
export function referenceCounts(
  messages: readonly { content: StoredMessage['content'] }[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    for (const ref of blobRefsOf(message.content)) counts.set(ref.sha256, (counts.get(ref.sha256) ?? 0) + 1);
  }
  return counts;
}

export interface EncodedMessages {
  /** One per message, for the transaction. */
  messageItems: Item[];
  /** Written before the transaction. */
  chunkItems: Item[];
}

export function encodeMessages(
  conversationId: string,
  messages: readonly StoredMessage[],
  writeId: string,
): EncodedMessages {
  const messageItems: Item[] = [];
  const chunkItems: Item[] = [];
  let inlineBytes = 0;
  for (const message of messages) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    // The files it refers to, readable without its body: deleting the conversation drops them.
    const refs = blobRefsOf(message.content);
    const key = {
      ...messageKey(conversationId, message.position),
      ...(refs.length === 0 ? {} : { files: { SS: refs.map((ref) => ref.sha256) } }),
    };
    if (body.length <= INLINE_MAX_BYTES && inlineBytes + body.length <= TRANSACTION_INLINE_BUDGET) {
      inlineBytes += body.length;
      messageItems.push({ ...key, body: { B: body } });
      continue;
    }
    const chunks: string[] = [];
    for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) {
      const chunk = chunkKey(conversationId, writeId, chunkItems.length);
      chunks.push(chunk.sk?.S ?? '');
      chunkItems.push({ ...chunk, data: { B: body.subarray(offset, offset + CHUNK_BYTES) } });
    }
    messageItems.push({
      ...key,
      chunks: { L: chunks.map((sk) => ({ S: sk })) },
      bytes: { N: String(body.length) },
    });
  }
  return { messageItems, chunkItems };
}

/**
 * The first `count` messages of a conversation from all the items of its partition; undefined
 * when some are missing (a read that overlapped an append: read again).
 */
export function decodeMessages(
  items: readonly Item[],
  count: number,
  conversationId: string,
): StoredMessage[] | undefined {
  const bySortKey = new Map(items.map((item) => [item.sk?.S ?? '', item]));
  const messages: StoredMessage[] = [];
  for (let position = 0; position < count; position++) {
    const sortKey = messageKey(conversationId, position).sk?.S ?? '';
    const item = bySortKey.get(sortKey);
    if (item === undefined) return undefined;
    const where = `message ${position} of conversation ${conversationId}`;
    let body: Uint8Array;
    if (item.body?.B !== undefined) {
      body = item.body.B;
    } else if (item.chunks?.L !== undefined) {
      const parts = item.chunks.L.map((entry) => bySortKey.get(entry.S ?? '')?.data?.B);
      if (parts.some((part) => part === undefined)) throw storeCorrupt(`${where}: a chunk is missing`);
      body = Buffer.concat(parts as Uint8Array[]);
    } else {
      throw storeCorrupt(where);
    }
    const message = toStoredMessageFromJson(Buffer.from(body).toString('utf8'), where);
    if (message.position !== position) throw storeCorrupt(where);
    messages.push(message);
  }
  return messages;
}
