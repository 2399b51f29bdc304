import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type AttachmentBlock, attachmentBlock } from './attachment-block.js';
import { attachmentError, formatBytes } from './attachment-errors.js';
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES } from './attachment-limits.js';

/** No file Bedrock takes is larger: a bigger one is refused before it is read. */
const MAX_ATTACHMENT_BYTES = Math.max(MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES);

export interface ReadAttachmentOptions {
  /** The type when neither content nor name tells it: `pdf`, `md`, `jpg` … */
  readonly type?: string | undefined;
}

function tooLarge(label: string, bytes: number | undefined) {
  // A stream (a pipe, stdin, /dev/zero) is refused once it passes the limit: its size is unknown.
  const size = bytes === undefined ? 'is larger than' : `${formatBytes(bytes)} is more than`;
  return attachmentError(
    'ATTACHMENT_TOO_LARGE',
    `${label}: ${size} Bedrock takes for any file (${formatBytes(MAX_DOCUMENT_BYTES)} for a document, ${formatBytes(MAX_IMAGE_BYTES)} for an image).`,
    'Attach a smaller file, or a part of it.',
    { file: label, ...(bytes === undefined ? {} : { bytes }), limitBytes: MAX_ATTACHMENT_BYTES },
  );
}

function readFailure(label: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return attachmentError('ATTACHMENT_NOT_FOUND', `${label}: no such file.`, 'Check the path.', {
      file: label,
    });
  }
  if (code === 'EISDIR') return notAFile(label, 'a directory');
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
  return attachmentError(
    'ATTACHMENT_UNREADABLE',
    `${label}: cannot be read (${reason}).`,
    'Check that the file is readable by you (ls -l), or attach a readable copy.',
    { file: label, ...(code ? { errno: code } : {}) },
  );
}

function notAFile(label: string, what: string) {
  return attachmentError('ATTACHMENT_NOT_A_FILE', `${label}: is ${what}, not a file.`, 'Attach a file.', {
    file: label,
  });
}

/** Reads a stream to its end, refusing it once it passes what Bedrock would take. */
export async function readAttachmentBytes(
  stream: AsyncIterable<Uint8Array | string>,
  label: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buffer.length;
    if (total > MAX_ATTACHMENT_BYTES) throw tooLarge(label, undefined);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * A file on disk as a Converse block. Each way it can fail is its own code, with the path in the
 * message: ATTACHMENT_NOT_FOUND, ATTACHMENT_NOT_A_FILE (a directory), ATTACHMENT_UNREADABLE
 * (permissions), ATTACHMENT_TOO_LARGE (checked from its size before it is read), and the type and
 * size checks of {@link attachmentBlock}. Pipes (`<(…)`) are read up to the limit.
 */
export async function readAttachment(
  path: string,
  options: ReadAttachmentOptions = {},
): Promise<AttachmentBlock> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw readFailure(path, error);
  }
  if (info.isDirectory()) throw notAFile(path, 'a directory');
  if (info.isFile() && info.size > MAX_ATTACHMENT_BYTES) throw tooLarge(path, info.size);
  let bytes: Buffer;
  try {
    bytes = await readAttachmentBytes(createReadStream(path), path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ATTACHMENT_TOO_LARGE') throw error;
    throw readFailure(path, error);
  }
  return attachmentBlock({ bytes, fileName: path, type: options.type }, path);
}
