import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import {
  type Conversation,
  ConversationSchema,
  type StoredMessage,
  StoredMessageSchema,
} from '../conversation-schemas.js';
import { storeCorrupt } from '../store-errors.js';
import { checkedStored, parseStoredJson } from '../stored-values.js';

/**
 * The single-table layout. Every key is a string `pk` + `sk`:
 * - `C#<id>` / `META`: the conversation (summary JSON, owner, messageCount, revision).
 * - `C#<id>` / `M#<position, 8 digits>`: a message, its JSON inline (`body`) or in chunks.
 * - `C#<id>` / `B#<write id>#<n>`: one chunk of a large message, written before the turn's
 *   transaction (items stay under DynamoDB's 400 KB).
 * - `C#<id>` / `IMPORT`: an import of more messages than a transaction holds claims the id
 *   while it writes them (deleted in the transaction that writes META).
 * - `O#<owner>` / `U#<updatedAt ms, 15 digits>#<id>`: the owner's list entry, a copy of the
 *   summary; moved in the same transaction as every append. A Query on it (descending,
 *   ConsistentRead) lists the most recent first and sees the write just made: reads of a table
 *   can be strongly consistent, reads of a GSI cannot ("Strongly consistent reads are not
 *   supported on global secondary indexes", DynamoDB API reference, Query ConsistentRead).
 */

export type Item = Record<string, AttributeValue>;

export const conversationKey = (id: string): Item => ({ pk: { S: `C#${id}` }, sk: { S: 'META' } });
export const importClaimKey = (id: string): Item => ({ pk: { S: `C#${id}` }, sk: { S: 'IMPORT' } });
export const messageKey = (id: string, position: number): Item => ({
  pk: { S: `C#${id}` },
  sk: { S: `M#${String(position).padStart(8, '0')}` },
});
export const chunkKey = (id: string, writeId: string, index: number): Item => ({
  pk: { S: `C#${id}` },
  sk: { S: `B#${writeId}#${String(index).padStart(4, '0')}` },
});
export const ownerPartition = (owner: string): AttributeValue => ({ S: `O#${owner}` });
export const listSortKey = (updatedAtMs: number, id: string): string =>
  `U#${String(updatedAtMs).padStart(15, '0')}#${id}`;
export const listKey = (owner: string, updatedAtMs: number, id: string): Item => ({
  pk: ownerPartition(owner),
  sk: { S: listSortKey(updatedAtMs, id) },
});

/** What a META item holds besides its key. */
export interface ConversationRecord {
  conversation: Conversation;
  /** Goes up by one with every write of META: an append racing a rename cannot undo it. */
  revision: number;
}

export function conversationItem({ conversation, revision }: ConversationRecord): Item {
  return {
    ...conversationKey(conversation.id),
    owner: { S: conversation.owner },
    messageCount: { N: String(conversation.messageCount) },
    revision: { N: String(revision) },
    summary: { S: JSON.stringify(conversation) },
  };
}

export function listItem(conversation: Conversation): Item {
  return {
    ...listKey(conversation.owner, Date.parse(conversation.updatedAt), conversation.id),
    summary: { S: JSON.stringify(conversation) },
  };
}

const MetaSchema = z.object({
  owner: z.object({ S: z.string() }),
  messageCount: z.object({ N: z.string() }),
  revision: z.object({ N: z.string() }),
  summary: z.object({ S: z.string() }),
});

/**
 * A summary as written before the prompt-cache totals existed reads with them at 0 (export
 * version 5 added them; the table has no migrations).
 */
function parseSummary(json: string, where: string): Conversation {
  const parsed = parseStoredJson(json, where);
  const summary =
    typeof parsed === 'object' && parsed !== null ? { ...CACHE_TOTALS_BEFORE, ...parsed } : parsed;
  return checkedStored(ConversationSchema, summary, where);
}

const CACHE_TOTALS_BEFORE = { cacheReadInputTokens: 0, cacheWriteInputTokens: 0, cacheSavedUsd: 0 };

export function toConversationRecord(item: Item, where: string): ConversationRecord {
  const meta = checkedStored(MetaSchema, item, where);
  const conversation = parseSummary(meta.summary.S, where);
  if (conversation.owner !== meta.owner.S || String(conversation.messageCount) !== meta.messageCount.N) {
    throw storeCorrupt(where);
  }
  return { conversation, revision: Number(meta.revision.N) };
}

export function toListedConversation(item: Item): Conversation {
  const where = `list entry ${item.sk?.S ?? '?'}`;
  const summary = checkedStored(z.object({ summary: z.object({ S: z.string() }) }), item, where);
  return parseSummary(summary.summary.S, where);
}

/** A message written before replies stored what caching saved reads with it null. */
export function toStoredMessageFromJson(json: string, where: string): StoredMessage {
  const parsed = parseStoredJson(json, where);
  const message = typeof parsed === 'object' && parsed !== null ? { cacheSavedUsd: null, ...parsed } : parsed;
  return checkedStored(StoredMessageSchema, message, where);
}
