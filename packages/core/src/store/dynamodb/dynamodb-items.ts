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

export function toConversationRecord(item: Item, where: string): ConversationRecord {
  const meta = checkedStored(MetaSchema, item, where);
  const conversation = checkedStored(ConversationSchema, parseStoredJson(meta.summary.S, where), where);
  if (conversation.owner !== meta.owner.S || String(conversation.messageCount) !== meta.messageCount.N) {
    throw storeCorrupt(where);
  }
  return { conversation, revision: Number(meta.revision.N) };
}

export function toListedConversation(item: Item): Conversation {
  const where = `list entry ${item.sk?.S ?? '?'}`;
  const summary = checkedStored(z.object({ summary: z.object({ S: z.string() }) }), item, where);
  return checkedStored(ConversationSchema, parseStoredJson(summary.summary.S, where), where);
}

export function toStoredMessageFromJson(json: string, where: string): StoredMessage {
  return checkedStored(StoredMessageSchema, parseStoredJson(json, where), where);
}
