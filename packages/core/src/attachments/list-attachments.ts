import type { StoredContentBlock } from '../store/stored-content-schemas.js';
import { formatBytes } from './attachment-errors.js';

/** An image or document a conversation holds, as lists show it. */
export interface AttachmentSummary {
  readonly kind: 'image' | 'document';
  /** The file's name (an image's when it was attached from a file) or the document's name. */
  readonly name: string | undefined;
  readonly format: string;
  /** Bytes of the file; undefined when the bytes are elsewhere (an S3 location). */
  readonly bytes: number | undefined;
  /** Index of the message that holds it, from 0. */
  readonly messageIndex: number;
}

function inlineSize(source: object): number | undefined {
  // A file the store holds by reference knows its size without its bytes.
  if ('blob' in source && typeof source.blob === 'object' && source.blob !== null && 'size' in source.blob) {
    return Number(source.blob.size);
  }
  if ('bytes' in source && typeof source.bytes === 'string') {
    const padding = source.bytes.endsWith('==') ? 2 : source.bytes.endsWith('=') ? 1 : 0;
    return Math.floor((source.bytes.length * 3) / 4) - padding;
  }
  if ('text' in source && typeof source.text === 'string') return Buffer.byteLength(source.text);
  return undefined;
}

export function summariseAttachment(
  block: StoredContentBlock,
  messageIndex = 0,
): AttachmentSummary | undefined {
  if ('image' in block) {
    const { name, format, source } = block.image;
    return { kind: 'image', name, format, bytes: inlineSize(source), messageIndex };
  }
  if ('document' in block) {
    const { name, format, source } = block.document;
    return { kind: 'document', name, format: format ?? 'txt', bytes: inlineSize(source), messageIndex };
  }
  return undefined;
}

/** Every image and document of the messages, in order. */
export function listAttachments(
  messages: readonly { content: readonly StoredContentBlock[] }[],
): AttachmentSummary[] {
  return messages.flatMap((message, messageIndex) =>
    message.content.flatMap((block) => summariseAttachment(block, messageIndex) ?? []),
  );
}

/** `chart.png (png image, 12 KB)`, `report (pdf document, 1.2 MB)`, `png image (not inline)`. */
export function describeAttachment(attachment: AttachmentSummary): string {
  const size = attachment.bytes === undefined ? 'not inline' : formatBytes(attachment.bytes);
  const what = `${attachment.format} ${attachment.kind}`;
  return attachment.name === undefined ? `${what} (${size})` : `${attachment.name} (${what}, ${size})`;
}
