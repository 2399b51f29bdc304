import { z } from 'zod';
import { SystemPromptSchema, type Usage } from '../../messages/message-schemas.js';
import {
  type Conversation,
  ConversationSchema,
  type StoredMessage,
  StoredMessageSchema,
} from '../conversation-schemas.js';
import { storeCorrupt } from '../store-errors.js';

/** Rows exactly as SQLite returns them; parsed before anything else sees them. */
export const ConversationRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string().nullable(),
  system_json: z.string().nullable(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
  message_count: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cost_usd: z.number(),
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
      created_at,
    }),
  );
export type MessageRow = z.output<typeof MessageRowSchema>;

export const CONVERSATION_COLUMNS =
  'id, title, model, system_json, created_at, updated_at, message_count, input_tokens, output_tokens, cost_usd';
export const MESSAGE_COLUMNS =
  'position, role, content_json, model_id, stop_reason, input_tokens, output_tokens, total_tokens, cache_read_tokens, cache_write_tokens, latency_ms, cost_usd, created_at';

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw storeCorrupt(where, error);
  }
}

function checked<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw storeCorrupt(where, parsed.error);
  return parsed.data;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toConversation(raw: unknown): Conversation {
  const row = checked(ConversationRowSchema, raw, 'a conversation row');
  const where = `conversation ${row.id}`;
  return checked(
    ConversationSchema,
    {
      id: row.id,
      title: row.title,
      model: row.model,
      system:
        row.system_json === null
          ? null
          : checked(SystemPromptSchema, parseJson(row.system_json, where), where),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      messageCount: row.message_count,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: row.cost_usd,
    },
    where,
  );
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

export function toStoredMessage(raw: unknown, conversationId: string): StoredMessage {
  const row = checked(MessageRowSchema, raw, `a message row of ${conversationId}`);
  const where = `message ${row.position} of conversation ${conversationId}`;
  return checked(
    StoredMessageSchema,
    {
      position: row.position,
      role: row.role,
      content: parseJson(row.content_json, where),
      createdAt: iso(row.created_at),
      modelId: row.model_id,
      stopReason: row.stop_reason,
      usage: usageOf(row),
      latencyMs: row.latency_ms,
      costUsd: row.cost_usd,
    },
    where,
  );
}
