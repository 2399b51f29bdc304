import { z } from 'zod';
import { CachePointBlockSchema, CacheTtlSchema, ContentBlockSchema } from './content-block-schemas.js';

export const RoleSchema = z.enum(['user', 'assistant']);
export type Role = z.infer<typeof RoleSchema>;

export const MessageSchema = z
  .object({
    role: RoleSchema,
    content: z.array(ContentBlockSchema).min(1, 'a message needs at least one content block'),
  })
  .strict();
export type Message = z.infer<typeof MessageSchema>;

export const MessagesSchema = z.array(MessageSchema);

export const SystemBlockSchema = z.union([
  z.object({ text: z.string().min(1) }).strict(),
  CachePointBlockSchema,
]);
export type SystemBlock = z.infer<typeof SystemBlockSchema>;

/** A system prompt as the course writes it (a string) or as Converse takes it (blocks). */
export const SystemPromptSchema = z.union([z.string(), z.array(SystemBlockSchema)]);
export type SystemPrompt = z.infer<typeof SystemPromptSchema>;

export const InferenceConfigSchema = z
  .object({
    maxTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(1).optional(),
    topP: z.number().min(0).max(1).optional(),
    stopSequences: z.array(z.string().min(1)).max(4).optional(),
  })
  .strict();
export type InferenceConfig = z.infer<typeof InferenceConfigSchema>;

export const StopReasonSchema = z.enum([
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'guardrail_intervened',
  'content_filtered',
  'malformed_model_output',
  'malformed_tool_use',
  'model_context_window_exceeded',
]);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const UsageSchema = z
  .object({
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    totalTokens: z.number().int().nonnegative(),
    cacheReadInputTokens: z.number().int().nonnegative().optional(),
    cacheWriteInputTokens: z.number().int().nonnegative().optional(),
    /** Cache writes by TTL, as Bedrock reports them (1 h before 5 m); absent without writes. */
    cacheDetails: z
      .array(z.object({ ttl: CacheTtlSchema, inputTokens: z.number().int().nonnegative() }).strict())
      .optional(),
  })
  .strict();
export type Usage = z.infer<typeof UsageSchema>;
