import { encodeBase64 } from '../messages/base64-schema.js';
import type { DocumentBlock, ImageBlock } from '../messages/content-block-schemas.js';
import { attachmentError, formatBytes } from './attachment-errors.js';
import type { AttachmentFormat } from './attachment-formats.js';
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './attachment-limits.js';
import { documentNameFor } from './document-name.js';
import { imageDimensions } from './image-dimensions.js';
import { resolveFormat } from './resolve-format.js';

export type AttachmentBlock = ImageBlock | DocumentBlock;

export interface AttachmentInput {
  /** The file's bytes (a Node `Buffer` is a `Uint8Array`). */
  readonly bytes: Uint8Array;
  /** The file's name or path: gives the extension, the document's name and the name in messages. */
  readonly fileName?: string | undefined;
  /** The type when neither content nor name tells it: `pdf`, `md`, `jpg` … */
  readonly type?: string | undefined;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

function tooLarge(label: string, what: string, hint: string, details: Record<string, unknown>) {
  return attachmentError('ATTACHMENT_TOO_LARGE', `${label}: ${what}.`, hint, { file: label, ...details });
}

/**
 * Checks what Bedrock checks of one file: its size, and an image's width and height. `bytes` may
 * be only the start of the file (enough for an image's header) when `size` gives the whole length.
 */
export function checkAttachmentSize(
  label: string,
  format: AttachmentFormat,
  bytes: Uint8Array,
  size = bytes.length,
): void {
  const limit = format.kind === 'image' ? MAX_IMAGE_BYTES : MAX_DOCUMENT_BYTES;
  if (size > limit) {
    throw tooLarge(
      label,
      `${formatBytes(size)} is more than Bedrock takes for ${format.kind === 'image' ? 'an image' : 'a document'} (${formatBytes(limit)})`,
      format.kind === 'image'
        ? 'Scale the image down or compress it.'
        : 'Split the document or attach a shorter part.',
      { bytes: size, limitBytes: limit },
    );
  }
  if (format.kind !== 'image') return;
  const dimensions = imageDimensions(format.format, bytes);
  if (dimensions === undefined) {
    throw attachmentError(
      'ATTACHMENT_UNSUPPORTED_TYPE',
      `${label}: the ${format.format} image's size cannot be read (the file may be damaged).`,
      'Attach an image that opens in an image viewer.',
      { file: label },
    );
  }
  if (dimensions.width > MAX_IMAGE_PIXELS || dimensions.height > MAX_IMAGE_PIXELS) {
    throw tooLarge(
      label,
      `${dimensions.width}×${dimensions.height} px is more than Bedrock takes (${MAX_IMAGE_PIXELS} px a side)`,
      `Scale the image to at most ${MAX_IMAGE_PIXELS} px wide and high.`,
      { ...dimensions, limitPixels: MAX_IMAGE_PIXELS },
    );
  }
}

/**
 * The Converse block for a file: an image (png, jpeg, gif, webp) or a document (pdf, csv, doc,
 * docx, xls, xlsx, html, txt, md) named after the file in Bedrock's alphabet. The type comes from
 * the content first, then `type`, then the extension; sizes and image dimensions are checked here,
 * so a refused file fails before any call, with its name and the limit in the message.
 */
export function attachmentBlock(
  input: AttachmentInput,
  label = input.fileName ?? 'the attachment',
): AttachmentBlock {
  const format = resolveFormat({ bytes: input.bytes, label, fileName: input.fileName, type: input.type });
  checkAttachmentSize(label, format, input.bytes);
  const base64 = encodeBase64(input.bytes);
  if (format.kind === 'image') {
    const name = input.fileName === undefined ? undefined : baseName(input.fileName);
    return { image: { format: format.format, source: { bytes: base64 }, ...(name ? { name } : {}) } };
  }
  return {
    document: {
      name: documentNameFor(input.fileName ?? 'document'),
      format: format.format,
      source: { bytes: base64 },
    },
  };
}
