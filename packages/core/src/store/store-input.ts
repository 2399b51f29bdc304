import { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { SystemPromptSchema } from '../messages/message-schemas.js';
import { blobRefsOf, hasInlineFiles, toStoredContent } from './blob-blocks.js';
import { parseConversationId } from './conversation-id.js';
import {
  type ConversationWithMessages,
  NewMessageSchema,
  type StoredMessage,
  TitleSchema,
} from './conversation-schemas.js';
import type {
  AppendMessagesInput,
  CreateConversationInput,
  ListConversationsOptions,
} from './conversation-store.js';
import { roundUsd } from './list-paging.js';
import { invalidInput } from './store-errors.js';
import type { StoredContentBlock } from './stored-content-schemas.js';

/** Input checks shared by every `ConversationStore`, so both stores refuse the same things. */

const CreateInputSchema = z
  .object({
    title: TitleSchema,
    model: z.string().trim().min(1).nullish(),
    system: SystemPromptSchema.nullish(),
    messages: z.array(NewMessageSchema).optional(),
  })
  .strict();

const AppendInputSchema = z
  .object({
    conversationId: z.string(),
    expectedPosition: z.number().int().nonnegative(),
    messages: z.array(NewMessageSchema).min(1, 'append at least one message'),
    model: z.string().trim().min(1).nullish(),
    system: SystemPromptSchema.nullish(),
  })
  .strict();

const ListOptionsSchema = z
  .object({
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().optional(),
    search: z.string().max(1000).optional(),
  })
  .strict();

export type ParsedCreateInput = z.output<typeof CreateInputSchema>;
export type ParsedAppendInput = z.output<typeof AppendInputSchema>;
export type ParsedNewMessage = z.output<typeof NewMessageSchema>;

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(what, parsed.error);
  return parsed.data;
}

export function parseCreateInput(input: CreateConversationInput): ParsedCreateInput {
  const parsed = parseWith(CreateInputSchema, input, 'conversation');
  assertAlternation(0, parsed.messages ?? []);
  return parsed;
}

export function parseAppendInput(input: AppendMessagesInput): ParsedAppendInput {
  const parsed = parseWith(AppendInputSchema, input, 'messages to append');
  parsed.conversationId = parseConversationId(parsed.conversationId);
  assertAlternation(parsed.expectedPosition, parsed.messages);
  return parsed;
}

export function parseListOptions(options: ListConversationsOptions = {}): {
  limit: number;
  cursor: string | undefined;
  search: string | undefined;
} {
  const parsed = parseWith(ListOptionsSchema, options, 'list options');
  return { limit: parsed.limit ?? 50, cursor: parsed.cursor, search: parsed.search };
}

/** Converse wants user and assistant to alternate, starting with the user: user at even positions. */
export function assertAlternation(startPosition: number, messages: readonly { role: string }[]): void {
  messages.forEach((message, offset) => {
    const position = startPosition + offset;
    const expected = position % 2 === 0 ? 'user' : 'assistant';
    if (message.role !== expected) {
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message: `Message at position ${position} must be ${expected === 'user' ? 'a user' : 'an assistant'} message (roles alternate, starting with the user).`,
        details: { position, role: message.role },
      });
    }
  });
}

export function parseTitle(title: string): string {
  return parseWith(TitleSchema, title, 'title');
}

/** The totals of a conversation without replies. */
export const NO_TOTALS: Readonly<MessageTotals> = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  costUsd: 0,
  cacheSavedUsd: 0,
};

/** What messages add to the conversation's totals (`Conversation`'s sums over its replies). */
export interface MessageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  costUsd: number;
  cacheSavedUsd: number;
}

export function messageTotals(messages: readonly ParsedNewMessage[]): MessageTotals {
  const totals: MessageTotals = { ...NO_TOTALS };
  for (const message of messages) {
    totals.inputTokens += message.usage?.inputTokens ?? 0;
    totals.outputTokens += message.usage?.outputTokens ?? 0;
    totals.cacheReadInputTokens += message.usage?.cacheReadInputTokens ?? 0;
    totals.cacheWriteInputTokens += message.usage?.cacheWriteInputTokens ?? 0;
    totals.costUsd += message.costUsd ?? 0;
    totals.cacheSavedUsd += message.cacheSavedUsd ?? 0;
  }
  return totals;
}

/** `before` with `totals` added, costs rounded as stored: what an append leaves in the summary. */
export function addTotals<T extends MessageTotals>(before: T, totals: MessageTotals): T {
  return {
    ...before,
    inputTokens: before.inputTokens + totals.inputTokens,
    outputTokens: before.outputTokens + totals.outputTokens,
    cacheReadInputTokens: before.cacheReadInputTokens + totals.cacheReadInputTokens,
    cacheWriteInputTokens: before.cacheWriteInputTokens + totals.cacheWriteInputTokens,
    costUsd: roundUsd(before.costUsd + totals.costUsd),
    cacheSavedUsd: roundUsd(before.cacheSavedUsd + totals.cacheSavedUsd),
  };
}

/** The text that full-text search sees: text blocks, one per line (not glued into one word). */
export function searchableText(message: { content: readonly StoredContentBlock[] }): string {
  return message.content
    .flatMap((block) => {
      if ('text' in block) return [block.text];
      if ('citationsContent' in block)
        return [block.citationsContent.content.map((part) => part.text).join('')];
      return [];
    })
    .join('\n');
}

/** A new message as it is stored at `position` (`createdAt` now unless given). Not cloned. */
export function newStoredMessage(message: ParsedNewMessage, position: number, now: Date): StoredMessage {
  return {
    position,
    role: message.role,
    content: message.content,
    createdAt: message.createdAt ?? now.toISOString(),
    modelId: message.modelId ?? null,
    stopReason: message.stopReason ?? null,
    usage: message.usage ?? null,
    latencyMs: message.latencyMs ?? null,
    costUsd: message.costUsd ?? null,
    cacheSavedUsd: message.cacheSavedUsd ?? null,
  };
}

/** A new conversation holding `parsed.messages`, created and last used `now`. */
export function newConversation(
  parsed: ParsedCreateInput,
  ids: { id: string; owner: string },
  now: Date,
): ConversationWithMessages {
  const messages = (parsed.messages ?? []).map((message, index) => newStoredMessage(message, index, now));
  const totals = messageTotals(parsed.messages ?? []);
  return {
    ...ids,
    title: parsed.title,
    model: parsed.model ?? null,
    system: parsed.system ?? null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    messageCount: messages.length,
    ...addTotals(NO_TOTALS, totals),
    messages,
  };
}

/** New messages as a store writes them: files by reference, and the blobs they need. */
export interface MessagesWithFiles {
  messages: ParsedNewMessage[];
  /** Bytes to store (put once) before or with the messages, by hash. */
  blobs: Map<string, Uint8Array>;
  /** Every hash the messages refer to; those not in `blobs` the store must already hold. */
  referenced: Set<string>;
}

/**
 * Moves inline files out of new messages (each distinct file once, by hash). `files` are bytes
 * that came with the messages (an import's), stored when some message refers to them.
 */
export function withStoredFiles(
  messages: readonly ParsedNewMessage[],
  files: ReadonlyMap<string, Uint8Array> = new Map(),
): MessagesWithFiles {
  const blobs = new Map<string, Uint8Array>();
  const referenced = new Set<string>();
  const stored = messages.map((message) => {
    if (!hasInlineFiles(message.content) && blobRefsOf(message.content).length === 0) return message;
    const { content, blobs: inline } = toStoredContent(message.content);
    for (const [sha256, bytes] of inline) blobs.set(sha256, bytes);
    for (const ref of blobRefsOf(content)) {
      referenced.add(ref.sha256);
      const bytes = files.get(ref.sha256);
      if (bytes !== undefined) blobs.set(ref.sha256, bytes);
    }
    return { ...message, content };
  });
  return { messages: stored, blobs, referenced };
}
