import type { ContentBlock, DocumentBlock, ImageBlock } from '../messages/content-block-schemas.js';
import type { Message } from '../messages/message-schemas.js';
import { checkAttachmentSize } from './attachment-block.js';
import { attachmentError } from './attachment-errors.js';
import { MAX_DOCUMENTS, MAX_IMAGES } from './attachment-limits.js';
import { imageDimensions } from './image-dimensions.js';

/** Enough of an image's base64 to hold its header, even behind a large EXIF block. */
const HEADER_BASE64_CHARS = 4 * 64 * 1024;

function* blocksOf(messages: readonly Message[]): Generator<ContentBlock> {
  for (const message of messages) {
    for (const block of message.content) {
      yield block;
      if ('toolResult' in block) yield* block.toolResult.content as ContentBlock[];
    }
  }
}

function limit(message: string, hint: string, details: Record<string, unknown>) {
  return attachmentError('ATTACHMENT_LIMIT', message, hint, details);
}

function imageLabel(image: ImageBlock['image'], index: number): string {
  return image.name ?? `image ${index + 1} (${image.format})`;
}

/** Raw bytes behind base64 text: three for every four characters, less the padding. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Sizes from the base64 text; the header decoded alone unless a JPEG keeps its frame further in. */
function checkImage(image: ImageBlock['image'], index: number): void {
  if (!('bytes' in image.source)) return;
  const base64 = image.source.bytes;
  const label = imageLabel(image, index);
  const format = { kind: 'image', format: image.format } as const;
  const size = decodedLength(base64);
  const header = Buffer.from(base64.slice(0, HEADER_BASE64_CHARS), 'base64');
  const headerSuffices =
    base64.length <= HEADER_BASE64_CHARS || imageDimensions(image.format, header) !== undefined;
  checkAttachmentSize(label, format, headerSuffices ? header : Buffer.from(base64, 'base64'), size);
}

function checkDocument(document: DocumentBlock['document']): void {
  if (!('bytes' in document.source)) return;
  const size = decodedLength(document.source.bytes);
  checkAttachmentSize(
    document.name,
    { kind: 'document', format: document.format ?? 'txt' },
    new Uint8Array(),
    size,
  );
}

/**
 * Bedrock's limits on a whole request, checked before the call: at most 20 images and 5 documents,
 * history included; each image's size and dimensions, each document's size; document names unique;
 * a text block beside documents. Plain text requests never get here (the caller checks first).
 */
export function checkMediaLimits(messages: readonly Message[]): void {
  const images: ImageBlock['image'][] = [];
  const documents: DocumentBlock['document'][] = [];
  for (const block of blocksOf(messages)) {
    if ('image' in block) images.push(block.image);
    else if ('document' in block) documents.push(block.document);
  }
  if (images.length === 0 && documents.length === 0) return;
  const extraImage = images[MAX_IMAGES];
  if (extraImage !== undefined) {
    throw limit(
      `${imageLabel(extraImage, MAX_IMAGES)}: the request would hold ${images.length} images; Bedrock takes at most ${MAX_IMAGES}, the conversation's earlier ones included.`,
      'Attach fewer images, or start a new conversation for these.',
      { images: images.length, limit: MAX_IMAGES },
    );
  }
  const extraDocument = documents[MAX_DOCUMENTS];
  if (extraDocument !== undefined) {
    throw limit(
      `${extraDocument.name}: the request would hold ${documents.length} documents; Bedrock takes at most ${MAX_DOCUMENTS}, the conversation's earlier ones included.`,
      'Attach fewer documents, or start a new conversation for these.',
      { documents: documents.length, limit: MAX_DOCUMENTS },
    );
  }
  images.forEach(checkImage);
  const names = new Set<string>();
  for (const document of documents) {
    if (names.has(document.name)) {
      throw limit(
        `${document.name}: two documents in the request have this name; Bedrock needs each name once.`,
        'Rename one of the files.',
        { name: document.name },
      );
    }
    names.add(document.name);
    checkDocument(document);
  }
  for (const message of messages) {
    const document = message.content.find((block) => 'document' in block);
    const hasText = message.content.some((block) => 'text' in block && block.text.trim() !== '');
    if (document !== undefined && !hasText) {
      throw limit(
        `${(document as DocumentBlock).document.name}: Bedrock needs a text prompt beside documents.`,
        'Add a prompt that says what to do with the document.',
        {},
      );
    }
  }
}
