import { encodeBase64 } from '../messages/base64-schema.js';
import type { ContentBlock } from '../messages/content-block-schemas.js';
import { LongStringMemo } from '../messages/long-string-memo.js';
import { blobRefOf } from './blob-store.js';
import { storeCorrupt } from './store-errors.js';
import type { BlobRef, StoredContentBlock } from './stored-content-schemas.js';

/**
 * Between the blocks Bedrock takes (file bytes inline, base64) and the blocks a store keeps (a
 * reference by hash): `toStoredContent` on the way in, `hydrateMessages` on the way out.
 */

/** An image's or document's `source`, whichever form it has. */
type Source = { bytes: string } | { blob: BlobRef } | { text: string } | { s3Location: unknown };

/** Rewrites the source of every image and document, top level and inside tool results. */
function mapSources(
  content: readonly StoredContentBlock[],
  map: (source: Source) => Source,
): StoredContentBlock[] {
  // The casts: each branch rebuilds the block it was given with only `source` replaced by a
  // source of the other form, which the stored schema allows for exactly these blocks.
  const file = (block: object): object => {
    if ('image' in block) {
      const image = block.image as { source: Source };
      return { image: { ...image, source: map(image.source) } };
    }
    if ('document' in block) {
      const document = block.document as { source: Source };
      return { document: { ...document, source: map(document.source) } };
    }
    return block;
  };
  return content.map((block) => {
    if ('toolResult' in block) {
      const items = block.toolResult.content.map((item) => file(item));
      return { toolResult: { ...block.toolResult, content: items } } as StoredContentBlock;
    }
    return file(block) as StoredContentBlock;
  });
}

/** The name of every document a message's blocks hold, top level and inside tool results. */
export function documentNamesOf(content: readonly StoredContentBlock[]): string[] {
  const names: string[] = [];
  const visit = (block: object): void => {
    if ('document' in block) names.push((block.document as { name: string }).name);
  };
  for (const block of content) {
    if ('toolResult' in block) block.toolResult.content.forEach(visit);
    else visit(block);
  }
  return names;
}

/** Every blob a message's blocks refer to, in order, each hash once. */
export function blobRefsOf(content: readonly StoredContentBlock[]): BlobRef[] {
  const refs = new Map<string, BlobRef>();
  mapSources(content, (source) => {
    if ('blob' in source) refs.set(source.blob.sha256, source.blob);
    return source;
  });
  return [...refs.values()];
}

export interface StorableContent {
  /** The blocks with every inline file replaced by its reference. */
  content: StoredContentBlock[];
  /** The bytes of the files that were inline, by hash. */
  blobs: Map<string, Uint8Array>;
}

/**
 * The hash of a long base64 string's bytes: a turn's rehearsal and its save store the same file,
 * and a 4 MB file's SHA-256 costs ~5 ms of CPU (see LongStringMemo for what is kept).
 */
const refsOfBase64 = new LongStringMemo<BlobRef>(64 * 1024, 32 * 1024 * 1024);

/** Moves every inline file (base64 `bytes`) out of the blocks: what a store writes. */
export function toStoredContent(content: readonly StoredContentBlock[]): StorableContent {
  const blobs = new Map<string, Uint8Array>();
  const stored = mapSources(content, (source) => {
    if (!('bytes' in source)) return source;
    const bytes = Buffer.from(source.bytes, 'base64');
    let known = refsOfBase64.get(source.bytes);
    if (known === undefined) {
      known = blobRefOf(bytes);
      refsOfBase64.set(source.bytes, known);
    }
    blobs.set(known.sha256, bytes);
    // A copy: what the caller gets back (a stored message) must not reach into the memo.
    return { blob: { ...known } };
  });
  return { content: stored, blobs };
}

/** Whether any block holds a file inline: most messages do not, and skip the rewrite. */
export function hasInlineFiles(content: readonly StoredContentBlock[]): boolean {
  let found = false;
  mapSources(content, (source) => {
    if ('bytes' in source) found = true;
    return source;
  });
  return found;
}

/** Reads blobs by hash: a store's `blobs`, scoped to the owner of the messages. */
export interface BlobReader {
  get(sha256: string): Promise<Uint8Array>;
}

/**
 * The messages with each referenced file's bytes inline again, as Bedrock takes them: what a
 * turn sends and an export writes. Each distinct blob is read once, only when some message refers
 * to it; messages without files are returned as they are.
 */
export async function hydrateMessages<M extends { content: readonly StoredContentBlock[] }>(
  messages: readonly M[],
  blobs: BlobReader,
): Promise<(Omit<M, 'content'> & { content: ContentBlock[] })[]> {
  const wanted = new Map<string, BlobRef>();
  for (const message of messages) for (const ref of blobRefsOf(message.content)) wanted.set(ref.sha256, ref);
  const base64 = new Map<string, string>();
  for (const ref of wanted.values()) {
    const bytes = await blobs.get(ref.sha256);
    if (bytes.length !== ref.size)
      throw storeCorrupt(`file ${ref.sha256}: ${bytes.length} bytes, not ${ref.size}`);
    base64.set(ref.sha256, encodeBase64(bytes));
  }
  // Without references the blocks are Converse blocks already.
  if (wanted.size === 0) return messages as unknown as (Omit<M, 'content'> & { content: ContentBlock[] })[];
  return messages.map((message) => ({
    ...message,
    content: mapSources(message.content, (source) =>
      'blob' in source ? { bytes: base64.get(source.blob.sha256) ?? '' } : source,
    ) as ContentBlock[],
  }));
}
