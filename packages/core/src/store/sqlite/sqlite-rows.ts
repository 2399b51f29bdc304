import { z } from 'zod';
import { SystemPromptSchema, type Usage } from '../../messages/message-schemas.js';
import {
  type Conversation,
  ConversationSchema,
  type StoredMessage,
  StoredMessageSchema,
} from '../conversation-schemas.js';
import { checkedStored, parseStoredJson } from '../stored-values.js';

/** Rows exactly as SQLite returns them; parsed before anything else sees them. */
export const ConversationRowSchema = z.object({
  id: z.string(),
  owner: z.string(),
  title: z.string(),
  model: z.string().nullable(),
  system_json: z.string().nullable(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
  message_count: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cache_read_tokens: z.number().int(),
  cache_write_tokens: z.number().int(),
  cost_usd: z.number(),
  cache_saved_usd: z.number(),
});
export type ConversationRow = z.infer<typeof ConversationRowSchema>;

const nullableInt = z.number().int().nullable();

/**
 * Message rows are read in raw (array) mode: for a 1,000-message conversation that halves the
 * time better-sqlite3 spends building row objects. The tuple order is MESSAGE_COLUMNS'.
 */
export const MessageRowSchema = z
  .tuple([
    z.number().int(),
    z.string(),
    z.string(),
    z.string().nullable(),
    z.string().nullable(),
    nullableInt,
    nullableInt,
    nullableInt,
    nullableInt,
    nullableInt,
    nullableInt,
    z.number().nullable(),
    z.number().nullable(),
    z.number().int(),
  ])
  .transform(
    ([
      position,
      role,
      content_json,
      model_id,
      stop_reason,
      input_tokens,
      output_tokens,
      total_tokens,
      cache_read_tokens,
      cache_write_tokens,
      latency_ms,
      cost_usd,
      cache_saved_usd,
      created_at,
    ]) => ({
      position,
      role,
      content_json,
      model_id,
      stop_reason,
      input_tokens,
      output_tokens,
      total_tokens,
      cache_read_tokens,
      cache_write_tokens,
      latency_ms,
      cost_usd,
      cache_saved_usd,
      created_at,
    }),
  );
export type MessageRow = z.output<typeof MessageRowSchema>;

export const CONVERSATION_COLUMNS =
  'id, owner, title, model, system_json, created_at, updated_at, message_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, cache_saved_usd';
export const MESSAGE_COLUMNS =
  'position, role, content_json, model_id, stop_reason, input_tokens, output_tokens, total_tokens, cache_read_tokens, cache_write_tokens, latency_ms, cost_usd, cache_saved_usd, created_at';

const iso = (ms: number) => new Date(ms).toISOString();

/** A conversation row as a Conversation, before validation. */
function conversationOf(row: ConversationRow, system: unknown) {
  return {
    id: row.id,
    owner: row.owner,
    title: row.title,
    model: row.model,
    system,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    messageCount: row.message_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadInputTokens: row.cache_read_tokens,
    cacheWriteInputTokens: row.cache_write_tokens,
    costUsd: row.cost_usd,
    cacheSavedUsd: row.cache_saved_usd,
  };
}

export function toConversation(raw: unknown): Conversation {
  const row = checkedStored(ConversationRowSchema, raw, 'a conversation row');
  const where = `conversation ${row.id}`;
  const system =
    row.system_json === null
      ? null
      : checkedStored(SystemPromptSchema, parseStoredJson(row.system_json, where), where);
  return checkedStored(ConversationSchema, conversationOf(row, system), where);
}

function usageOf(row: MessageRow): Usage | null {
  if (row.input_tokens === null || row.output_tokens === null || row.total_tokens === null) return null;
  return {
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.total_tokens,
    ...(row.cache_read_tokens === null ? {} : { cacheReadInputTokens: row.cache_read_tokens }),
    ...(row.cache_write_tokens === null ? {} : { cacheWriteInputTokens: row.cache_write_tokens }),
  };
}

/** A message row as a StoredMessage, before validation. */
function storedMessageOf(row: MessageRow, content: unknown) {
  return {
    position: row.position,
    role: row.role,
    content,
    createdAt: iso(row.created_at),
    modelId: row.model_id,
    stopReason: row.stop_reason,
    usage: usageOf(row),
    latencyMs: row.latency_ms,
    costUsd: row.cost_usd,
    cacheSavedUsd: row.cache_saved_usd,
  };
}

export function toStoredMessage(raw: unknown, conversationId: string): StoredMessage {
  const row = checkedStored(MessageRowSchema, raw, `a message row of ${conversationId}`);
  const where = `message ${row.position} of conversation ${conversationId}`;
  return checkedStored(
    StoredMessageSchema,
    storedMessageOf(row, parseStoredJson(row.content_json, where)),
    where,
  );
}

/**
 * The message a row just written from validated input reads back as, without reading it: what
 * `create` returns. Kept next to `toStoredMessage` so the two cannot drift (a test compares them).
 */
export function writtenMessage(row: MessageRow): StoredMessage {
  return storedMessageOf(row, JSON.parse(row.content_json)) as StoredMessage;
}

/** Likewise for a conversation row just written. */
export function writtenConversation(row: ConversationRow, system: Conversation['system']): Conversation {
  return conversationOf(row, system) as Conversation;
}
