import { z } from 'zod';
import { Base64Schema } from './base64-schema.js';

/**
 * Converse content blocks, JSON-serialisable: binary payloads (image bytes, document bytes,
 * redacted reasoning) travel as base64 strings, exactly as Bedrock's JSON wire format carries them.
 * `to-sdk-message.ts` turns them into the SDK's `Uint8Array` shape.
 */
const base64 = Base64Schema;

const s3Location = z.object({ uri: z.string().min(1), bucketOwner: z.string().optional() }).strict();

export const TextBlockSchema = z.object({ text: z.string() }).strict();

export const ImageFormatSchema = z.enum(['png', 'jpeg', 'gif', 'webp']);
export const ImageBlockSchema = z
  .object({
    image: z
      .object({
        format: ImageFormatSchema,
        source: z.union([z.object({ bytes: base64 }).strict(), z.object({ s3Location }).strict()]),
        /** The file's name, for lists and exports; ours, never sent (Converse images have none). */
        name: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

export const DocumentFormatSchema = z.enum(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
export const DocumentBlockSchema = z
  .object({
    document: z
      .object({
        name: z.string().min(1),
        format: DocumentFormatSchema.optional(),
        source: z.union([
          z.object({ bytes: base64 }).strict(),
          z.object({ text: z.string() }).strict(),
          z.object({ s3Location }).strict(),
        ]),
        context: z.string().optional(),
        /** Citations from this document in the reply (Converse `citations: { enabled }`). */
        citations: z.object({ enabled: z.boolean() }).strict().optional(),
      })
      .strict(),
  })
  .strict();

/** Where in a document a citation points: characters, pages or chunks (Converse `CitationLocation`). */
const CitationRangeSchema = z
  .object({ documentIndex: z.number().int().nonnegative(), start: z.number().int(), end: z.number().int() })
  .partial()
  .strict();
export const CitationLocationSchema = z.union([
  z.object({ documentChar: CitationRangeSchema }).strict(),
  z.object({ documentPage: CitationRangeSchema }).strict(),
  z.object({ documentChunk: CitationRangeSchema }).strict(),
]);

/** A span of the document the model cites (Converse `Citation`). */
export const CitationSchema = z
  .object({
    title: z.string().optional(),
    source: z.string().optional(),
    sourceContent: z.array(z.object({ text: z.string() }).strict()).optional(),
    location: CitationLocationSchema.optional(),
  })
  .strict();

/** Reply text backed by citations (Converse `citationsContent`), as the model sends it and takes it back. */
export const CitationsContentBlockSchema = z
  .object({
    citationsContent: z
      .object({
        content: z.array(z.object({ text: z.string() }).strict()),
        citations: z.array(CitationSchema),
      })
      .strict(),
  })
  .strict();

export const ToolUseBlockSchema = z
  .object({
    toolUse: z
      .object({
        toolUseId: z.string().min(1),
        name: z.string().min(1),
        input: z.unknown(),
      })
      .strict(),
  })
  .strict();

export const ToolResultContentSchema = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ json: z.unknown() }).strict(),
  ImageBlockSchema,
  DocumentBlockSchema,
]);

export const ToolResultBlockSchema = z
  .object({
    toolResult: z
      .object({
        toolUseId: z.string().min(1),
        content: z.array(ToolResultContentSchema),
        status: z.enum(['success', 'error']).optional(),
      })
      .strict(),
  })
  .strict();

export const ReasoningBlockSchema = z
  .object({
    reasoningContent: z.union([
      z
        .object({
          reasoningText: z.object({ text: z.string(), signature: z.string().optional() }).strict(),
        })
        .strict(),
      z.object({ redactedContent: base64 }).strict(),
    ]),
  })
  .strict();

/** Cache TTLs a cache point may ask for (`5m` is Bedrock's default; `1h` where the model offers it). */
export const CacheTtlSchema = z.enum(['5m', '1h']);
export type CacheTtl = z.infer<typeof CacheTtlSchema>;

export const CachePointBlockSchema = z
  .object({
    cachePoint: z.object({ type: z.literal('default'), ttl: CacheTtlSchema.optional() }).strict(),
  })
  .strict();

export const ContentBlockSchema = z.union([
  TextBlockSchema,
  ImageBlockSchema,
  DocumentBlockSchema,
  ToolUseBlockSchema,
  ToolResultBlockSchema,
  ReasoningBlockSchema,
  CitationsContentBlockSchema,
  CachePointBlockSchema,
]);

export type TextBlock = z.infer<typeof TextBlockSchema>;
export type ImageBlock = z.infer<typeof ImageBlockSchema>;
export type DocumentBlock = z.infer<typeof DocumentBlockSchema>;
export type ToolUseBlock = z.infer<typeof ToolUseBlockSchema>;
export type ToolResultBlock = z.infer<typeof ToolResultBlockSchema>;
export type ReasoningBlock = z.infer<typeof ReasoningBlockSchema>;
export type CachePointBlock = z.infer<typeof CachePointBlockSchema>;
export type CitationsContentBlock = z.infer<typeof CitationsContentBlockSchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type CitationLocation = z.infer<typeof CitationLocationSchema>;
export type ContentBlock = z.infer<typeof ContentBlockSchema>;
