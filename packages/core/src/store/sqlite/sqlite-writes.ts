import type { SystemPrompt } from '../../messages/message-schemas.js';
import { blobRefsOf } from '../blob-blocks.js';
import { blobNotFound } from '../blob-store.js';
import {
  addTotals,
  type MessagesWithFiles,
  messageTotals,
  NO_TOTALS,
  type ParsedCreateInput,
  type ParsedNewMessage,
  searchableText,
} from '../store-input.js';
import type { ConversationRow, MessageRow } from './sqlite-rows.js';
import type { Statements } from './sqlite-statements.js';

/** The write side of the row mapping: our values to named statement parameters. */

export interface ConversationRowValues {
  id: string;
  owner: string;
  title: string;
  model: string | null;
  system: SystemPrompt | null;
  createdAtMs: number;
  updatedAtMs: number;
  messageCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  costUsd: number;
  cacheSavedUsd: number;
}

/** The row of a new conversation holding `parsed.messages`, created and last used `now`. */
export function newConversationValues(
  parsed: ParsedCreateInput,
  ids: { id: string; owner: string },
  now: Date,
): ConversationRowValues {
  const nowMs = now.getTime();
  const totals = messageTotals(parsed.messages ?? []);
  return {
    ...ids,
    title: parsed.title,
    model: parsed.model ?? null,
    system: parsed.system ?? null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    messageCount: parsed.messages?.length ?? 0,
    ...addTotals(NO_TOTALS, totals),
  };
}

/** Inserts the conversation row; returns the row as SQLite now holds it. */
export function insertConversation(statements: Statements, values: ConversationRowValues): ConversationRow {
  const row: ConversationRow = {
    id: values.id,
    owner: values.owner,
    title: values.title.toWellFormed(),
    model: storedText(values.model),
    system_json: systemJson(values.system),
    created_at: values.createdAtMs,
    updated_at: values.updatedAtMs,
    message_count: values.messageCount,
    input_tokens: values.inputTokens,
    output_tokens: values.outputTokens,
    cache_read_tokens: values.cacheReadInputTokens,
    cache_write_tokens: values.cacheWriteInputTokens,
    cost_usd: values.costUsd,
    cache_saved_usd: values.cacheSavedUsd,
  };
  statements.insertConversation.run({
    id: row.id,
    owner: row.owner,
    title: row.title,
    model: row.model,
    systemJson: row.system_json,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messageCount: row.message_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    costUsd: row.cost_usd,
    cacheSavedUsd: row.cache_saved_usd,
  });
  return row;
}

export function systemJson(system: SystemPrompt | null | undefined): string | null {
  return system == null ? null : JSON.stringify(system);
}

/**
 * What a write put in the file, counted as it went (a rehearsal's measure of the room it needs):
 * the bytes of files stored anew (one the owner already holds adds nothing) and of the message
 * rows as stored (their content JSON, files by reference, and their searchable text).
 */
export interface WrittenBytes {
  blobBytes: number;
  rowBytes: number;
}

/**
 * Inserts messages at `start`, `start + 1` … (files by reference, `withStoredFiles`), first the
 * files they bring (each once per owner), then a `message_blobs` row per file a message refers
 * to; a reference to a file the owner does not hold is INVALID_INPUT (the transaction rolls back).
 * The FTS triggers index the text. Returns the rows; adds what it wrote to `written` if given.
 */
export function insertMessages(
  statements: Statements,
  conversation: { id: string; owner: string },
  start: number,
  files: MessagesWithFiles,
  nowMs: number,
  written?: WrittenBytes,
): MessageRow[] {
  const { owner } = conversation;
  for (const [sha256, data] of files.blobs) {
    const { changes } = statements.insertBlob.run({ owner, sha256, size: data.length, data });
    if (written !== undefined && changes > 0) written.blobBytes += data.length;
  }
  const blobIds = new Map<string, number>();
  for (const sha256 of files.referenced) {
    const stat = statements.statBlob.get({ owner, sha256 }) as { id: number } | undefined;
    if (stat === undefined) throw blobNotFound(sha256);
    blobIds.set(sha256, stat.id);
  }
  return files.messages.map((message, offset) => {
    const row = messageRow(message, start + offset, nowMs);
    const text = searchableText(message);
    if (written !== undefined) {
      written.rowBytes += Buffer.byteLength(row.content_json) + Buffer.byteLength(text);
    }
    const { lastInsertRowid } = statements.insertMessage.run({
      conversationId: conversation.id,
      text,
      position: row.position,
      role: row.role,
      contentJson: row.content_json,
      modelId: row.model_id,
      stopReason: row.stop_reason,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      totalTokens: row.total_tokens,
      cacheReadTokens: row.cache_read_tokens,
      cacheWriteTokens: row.cache_write_tokens,
      latencyMs: row.latency_ms,
      costUsd: row.cost_usd,
      cacheSavedUsd: row.cache_saved_usd,
      createdAt: row.created_at,
    });
    if (blobIds.size > 0) {
      for (const ref of blobRefsOf(message.content)) {
        statements.linkMessageBlob.run(lastInsertRowid, blobIds.get(ref.sha256));
      }
    }
    return row;
  });
}

/** The message row's column values. */
function messageRow(message: ParsedNewMessage, position: number, nowMs: number): MessageRow {
  const usage = message.usage;
  return {
    position,
    role: message.role,
    content_json: JSON.stringify(message.content),
    model_id: storedText(message.modelId),
    stop_reason: message.stopReason ?? null,
    input_tokens: storedNumber(usage?.inputTokens),
    output_tokens: storedNumber(usage?.outputTokens),
    total_tokens: storedNumber(usage?.totalTokens),
    cache_read_tokens: storedNumber(usage?.cacheReadInputTokens),
    cache_write_tokens: storedNumber(usage?.cacheWriteInputTokens),
    latency_ms: storedNumber(message.latencyMs),
    cost_usd: storedNumber(message.costUsd),
    cache_saved_usd: storedNumber(message.cacheSavedUsd),
    created_at: message.createdAt === undefined ? nowMs : Date.parse(message.createdAt),
  };
}

/**
 * A value as SQLite will give it back, so the rows `create` returns equal what `get` reads. Text:
 * SQLite stores UTF-8, where a lone surrogate would come back as replacement characters.
 */
function storedText(value: string | null | undefined): string | null {
  return value == null ? null : value.toWellFormed();
}

/** Numbers: SQLite reads -0 back as 0. */
function storedNumber(value: number | null | undefined): number | null {
  return value == null ? null : value + 0;
}
