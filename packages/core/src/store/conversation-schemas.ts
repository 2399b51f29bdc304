import { z } from 'zod';
import { Base64Schema } from '../messages/base64-schema.js';
import {
  RoleSchema,
  StopReasonSchema,
  SystemPromptSchema,
  UsageSchema,
} from '../messages/message-schemas.js';
import { CONVERSATION_ID_PATTERN } from './conversation-id.js';
import { PrincipalSchema } from './store-owner.js';
import { StoredContentBlockSchema } from './stored-content-schemas.js';

export const ConversationIdSchema = z.string().regex(CONVERSATION_ID_PATTERN, 'must be a conversation id');

const timestamp = z.iso.datetime({ offset: true });
const tokens = z.number().int().nonnegative();
const usd = z.number().nonnegative();

export const TITLE_MAX_LENGTH = 200;
export const TitleSchema = z
  .string()
  .trim()
  .min(1, 'a title cannot be empty')
  .max(TITLE_MAX_LENGTH, `a title has at most ${TITLE_MAX_LENGTH} characters`);

/** A conversation without its messages, as `list` returns it. */
export const ConversationSchema = z
  .object({
    id: ConversationIdSchema,
    /** The principal it belongs to: only a store scoped to this owner sees it (`forOwner`). */
    owner: PrincipalSchema,
    title: TitleSchema,
    /** The model the next turn uses unless overridden: as asked (alias or id), or the id actually used. */
    model: z.string().min(1).nullable(),
    system: SystemPromptSchema.nullable(),
    createdAt: timestamp,
    /** When the last message was added (creation time for an empty conversation): "last used". */
    updatedAt: timestamp,
    messageCount: z.number().int().nonnegative(),
    /** Sums over the stored replies; `inputTokens` are those neither read from nor written to the cache. */
    inputTokens: tokens,
    outputTokens: tokens,
    /** Prompt-cache reads and writes (since export version 5). */
    cacheReadInputTokens: tokens,
    cacheWriteInputTokens: tokens,
    /** Estimated; replies whose price is unknown count as 0. */
    costUsd: usd,
    /**
     * What prompt caching saved over the replies (USD, estimated; negative while the cache has
     * only been written). Replies stored before export version 5 count as 0.
     */
    cacheSavedUsd: z.number(),
  })
  .strict();
export type Conversation = z.infer<typeof ConversationSchema>;

/**
 * Why a stored reply ended: Bedrock's stop reasons, and `interrupted` for the placeholder that
 * closes a turn cut off after its tools ran (written by bedrock-chat, not by a model: `modelId`
 * and `usage` are null). Since export version 3.
 */
export const StoredStopReasonSchema = z.union([StopReasonSchema, z.literal('interrupted')]);
export type StoredStopReason = z.infer<typeof StoredStopReasonSchema>;

/** A message as stored: the Converse message plus what we know about how it was made. */
export const StoredMessageSchema = z
  .object({
    position: z.number().int().nonnegative(),
    role: RoleSchema,
    /** Files as references (`{ source: { blob } }`): `hydrateMessages` puts the bytes back. */
    content: z.array(StoredContentBlockSchema).min(1),
    createdAt: timestamp,
    /** Replies only: the model id sent to Bedrock. */
    modelId: z.string().min(1).nullable(),
    stopReason: StoredStopReasonSchema.nullable(),
    usage: UsageSchema.nullable(),
    latencyMs: z.number().int().nonnegative().nullable(),
    costUsd: usd.nullable(),
    /** Replies only: what prompt caching saved on the call (`ChatResult.cacheSavedUsd`); null when unknown. */
    cacheSavedUsd: z.number().nullable(),
  })
  .strict();
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export const ConversationWithMessagesSchema = ConversationSchema.extend({
  messages: z.array(StoredMessageSchema),
}).strict();
export type ConversationWithMessages = z.infer<typeof ConversationWithMessagesSchema>;

/** A message to append; the store fills `position`, and `createdAt` when absent. */
export const NewMessageSchema = z
  .object({
    role: RoleSchema,
    /** Inline files are stored once by hash; references must name a blob the owner holds. */
    content: z.array(StoredContentBlockSchema).min(1, 'a message needs at least one content block'),
    createdAt: timestamp.optional(),
    modelId: z.string().min(1).nullish(),
    stopReason: StoredStopReasonSchema.nullish(),
    usage: UsageSchema.nullish(),
    latencyMs: z.number().int().nonnegative().nullish(),
    costUsd: usd.nullish(),
    cacheSavedUsd: z.number().nullish(),
  })
  .strict();
export type NewMessage = z.input<typeof NewMessageSchema>;

export const CONVERSATION_EXPORT_FORMAT = 'bedrock-chat/conversation';
/**
 * See the version table in `store/README.md`; version 2 added `conversation.owner`, version 3 the
 * stop reason `interrupted` (tool steps), version 4 `files` (each file once, by hash), version 5
 * the prompt-cache totals (`cacheReadInputTokens`, `cacheWriteInputTokens`, `cacheSavedUsd`).
 */
export const CONVERSATION_EXPORT_VERSION = 5;

const base64 = Base64Schema;

/** The files of an export: base64 bytes by SHA-256 (lower-case hex), each file once. */
export const ExportFilesSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256'), base64);

/** The lossless JSON export; `import` takes it back. */
export const ConversationExportSchema = z
  .object({
    format: z.literal(CONVERSATION_EXPORT_FORMAT),
    version: z.literal(CONVERSATION_EXPORT_VERSION),
    exportedAt: timestamp,
    conversation: ConversationWithMessagesSchema,
    /** Every file the messages refer to (`source: { blob }`), once each. */
    files: ExportFilesSchema,
  })
  .strict();
export type ConversationExport = z.infer<typeof ConversationExportSchema>;
