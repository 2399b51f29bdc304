import { z } from 'zod';
import {
  CachePointBlockSchema,
  CitationsContentBlockSchema,
  DocumentBlockSchema,
  ImageBlockSchema,
  ReasoningBlockSchema,
  TextBlockSchema,
  ToolResultBlockSchema,
  ToolResultContentSchema,
  ToolUseBlockSchema,
} from '../messages/content-block-schemas.js';

/**
 * What a store holds in place of a file's bytes: the SHA-256 of the bytes (lower-case hex) and
 * their length. The bytes are stored once per owner under that hash (`BlobStore`); the turn loads
 * them when it sends the history (`hydrateMessages`), `export` writes them once per hash.
 * Stored-only: these blocks are not in `ContentBlockSchema`, so a `Message` (what goes to Bedrock)
 * cannot hold one; TypeScript makes every path to Bedrock hydrate first.
 */
export const BlobRefSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256'),
    size: z.number().int().nonnegative(),
  })
  .strict();
export type BlobRef = z.infer<typeof BlobRefSchema>;

const blobSource = z.object({ blob: BlobRefSchema }).strict();

/** An image whose bytes the store holds: format and name as the sent block, the bytes by hash. */
export const StoredImageRefBlockSchema = z
  .object({ image: ImageBlockSchema.shape.image.extend({ source: blobSource }).strict() })
  .strict();

/** A document whose bytes the store holds (name, format, context, citations as sent). */
export const StoredDocumentRefBlockSchema = z
  .object({ document: DocumentBlockSchema.shape.document.extend({ source: blobSource }).strict() })
  .strict();

/** A tool result whose images or documents the store holds by hash. */
export const StoredToolResultBlockSchema = z
  .object({
    toolResult: ToolResultBlockSchema.shape.toolResult
      .extend({
        content: z.array(
          z.union([ToolResultContentSchema, StoredImageRefBlockSchema, StoredDocumentRefBlockSchema]),
        ),
      })
      .strict(),
  })
  .strict();

/**
 * A content block as stored: any Converse block, or one of the reference forms above. What
 * `get` returns; a store also takes these in new messages when it holds the blob (a message read
 * back and written again, an export's messages). The kinds are tried in ContentBlockSchema's
 * order, each with its stored form beside it, so a reference costs what an inline file does: a
 * union of ContentBlockSchema and the references would have every reference fail each Converse
 * kind first, zod building an issue for each (a 1,000-message history with 25 files read back
 * ~40% slower than one without).
 */
export const StoredContentBlockSchema = z.union([
  TextBlockSchema,
  z.union([ImageBlockSchema, StoredImageRefBlockSchema]),
  z.union([DocumentBlockSchema, StoredDocumentRefBlockSchema]),
  ToolUseBlockSchema,
  // Takes every tool result ToolResultBlockSchema takes, and references in its content.
  StoredToolResultBlockSchema,
  ReasoningBlockSchema,
  CitationsContentBlockSchema,
  CachePointBlockSchema,
]);
export type StoredContentBlock = z.infer<typeof StoredContentBlockSchema>;
export type StoredImageRefBlock = z.infer<typeof StoredImageRefBlockSchema>;
export type StoredDocumentRefBlock = z.infer<typeof StoredDocumentRefBlockSchema>;
