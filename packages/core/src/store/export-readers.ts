import { z } from 'zod';
import { Base64Schema } from '../messages/base64-schema.js';
import { ContentBlockSchema } from '../messages/content-block-schemas.js';
import {
  RoleSchema,
  StopReasonSchema,
  SystemPromptSchema,
  UsageSchema,
} from '../messages/message-schemas.js';
import {
  CONVERSATION_EXPORT_FORMAT,
  type ConversationExport,
  ConversationExportSchema,
  ConversationIdSchema,
} from './conversation-schemas.js';
import { LOCAL_PRINCIPAL, PrincipalSchema } from './store-owner.js';
import { StoredContentBlockSchema } from './stored-content-schemas.js';

/**
 * How each export version this build can read becomes today's shape. When what a conversation
 * holds changes, CONVERSATION_EXPORT_VERSION goes up by one, the schema of the version before is
 * frozen here (a copy, not the live schema) with a function that upgrades it, and a fixture
 * `__fixtures__/export-vN.json` of it must keep importing.
 */

const timestamp = z.iso.datetime({ offset: true });
const tokens = z.number().int().nonnegative();
const usd = z.number().nonnegative();
const base64 = Base64Schema;

/** Version 1 (the first release): a conversation had no owner. Frozen: never edit. */
const ExportV1Schema = z
  .object({
    format: z.literal(CONVERSATION_EXPORT_FORMAT),
    version: z.literal(1),
    exportedAt: timestamp,
    conversation: z
      .object({
        id: ConversationIdSchema,
        title: z.string().trim().min(1, 'a title cannot be empty').max(200),
        model: z.string().min(1).nullable(),
        system: SystemPromptSchema.nullable(),
        createdAt: timestamp,
        updatedAt: timestamp,
        messageCount: z.number().int().nonnegative(),
        inputTokens: tokens,
        outputTokens: tokens,
        costUsd: usd,
        messages: z.array(
          z
            .object({
              position: z.number().int().nonnegative(),
              role: RoleSchema,
              content: z.array(ContentBlockSchema).min(1),
              createdAt: timestamp,
              modelId: z.string().min(1).nullable(),
              stopReason: StopReasonSchema.nullable(),
              usage: UsageSchema.nullable(),
              latencyMs: z.number().int().nonnegative().nullable(),
              costUsd: usd.nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict();

/** Version 2: conversations have owners. Frozen: never edit. */
const ExportV2Schema = z
  .object({
    format: z.literal(CONVERSATION_EXPORT_FORMAT),
    version: z.literal(2),
    exportedAt: timestamp,
    conversation: ExportV1Schema.shape.conversation.extend({ owner: PrincipalSchema }).strict(),
  })
  .strict();

const V1Message = ExportV1Schema.shape.conversation.shape.messages.element;

/** Version 3: the stored stop reason `interrupted`; files inline in the blocks. Frozen: never edit. */
const ExportV3Schema = z
  .object({
    format: z.literal(CONVERSATION_EXPORT_FORMAT),
    version: z.literal(3),
    exportedAt: timestamp,
    conversation: ExportV2Schema.shape.conversation
      .extend({
        messages: z.array(
          V1Message.extend({
            stopReason: z.union([StopReasonSchema, z.literal('interrupted')]).nullable(),
          }).strict(),
        ),
      })
      .strict(),
  })
  .strict();

/**
 * Version 4: files once each in `files`, messages referring to them by hash. Frozen: never edit
 * (the blocks are today's stored blocks, as for every version: block shapes only ever widen).
 */
const ExportV4Schema = z
  .object({
    format: z.literal(CONVERSATION_EXPORT_FORMAT),
    version: z.literal(4),
    exportedAt: timestamp,
    conversation: ExportV3Schema.shape.conversation
      .extend({
        messages: z.array(
          ExportV3Schema.shape.conversation.shape.messages.element
            .extend({ content: z.array(StoredContentBlockSchema).min(1) })
            .strict(),
        ),
      })
      .strict(),
    files: z.record(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256'), base64),
  })
  .strict();

type ExportReader = (
  value: unknown,
) => { success: true; data: ConversationExport } | { success: false; error: z.ZodError };

/**
 * Version 1 → 2: everything stored before owners existed was the local user's (the SQLite
 * migration to schema 2 says the same). `import` stores a document under the importing store's
 * owner anyway, so this only shows in what `parseConversationExport` returns.
 */
const readV1: ExportReader = (value) => {
  // A document without `version` counts as version 1.
  const v1 = ExportV1Schema.safeParse({ version: 1, ...(value as object) });
  if (!v1.success) return v1;
  const { id, ...rest } = v1.data.conversation;
  return readV2({ ...v1.data, version: 2, conversation: { id, owner: LOCAL_PRINCIPAL, ...rest } });
};

/**
 * Version 2 → 3: version 3 added the stored stop reason `interrupted` (a placeholder closing a
 * turn cut off after its tools ran); a version-2 document is a version-3 one as it stands.
 */
const readV2: ExportReader = (value) => {
  const v2 = ExportV2Schema.safeParse(value);
  if (!v2.success) return v2;
  return readV3({ ...v2.data, version: 3 });
};

/**
 * Version 3 → 4: version 4 carries each file once in `files` and the messages refer to it by
 * hash; a version-3 document has its files inline in the blocks, which a store still takes (it
 * moves them out as it writes), so it only gains an empty `files`.
 */
const readV3: ExportReader = (value) => {
  const v3 = ExportV3Schema.safeParse(value);
  if (!v3.success) return v3;
  return readV4({ ...v3.data, version: 4, files: {} });
};

/**
 * Version 4 → 5: version 5 keeps the prompt-cache totals. The token sums come from the messages
 * (their usage always held cache reads and writes); what caching saved was not kept before, so
 * it is 0 for the conversation and null for each reply.
 */
const readV4: ExportReader = (value) => {
  const v4 = ExportV4Schema.safeParse(value);
  if (!v4.success) return v4;
  const { messages } = v4.data.conversation;
  const sum = (pick: (usage: NonNullable<(typeof messages)[number]['usage']>) => number | undefined) =>
    messages.reduce((total, message) => total + (message.usage ? (pick(message.usage) ?? 0) : 0), 0);
  return ConversationExportSchema.safeParse({
    ...v4.data,
    version: 5,
    conversation: {
      ...v4.data.conversation,
      cacheReadInputTokens: sum((usage) => usage.cacheReadInputTokens),
      cacheWriteInputTokens: sum((usage) => usage.cacheWriteInputTokens),
      cacheSavedUsd: 0,
      messages: messages.map((message) => ({ ...message, cacheSavedUsd: null })),
    },
  });
};

export const EXPORT_READERS: Readonly<Record<number, ExportReader>> = {
  1: readV1,
  2: readV2,
  3: readV3,
  4: readV4,
  5: (value) => ConversationExportSchema.safeParse(value),
};
