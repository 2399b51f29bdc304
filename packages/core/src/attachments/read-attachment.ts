import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { type AttachmentBlock, attachmentBlock } from './attachment-block.js';
import { attachmentError, formatBytes } from './attachment-errors.js';
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES } from './attachment-limits.js';

/** No file Bedrock takes is larger: a bigger one is refused before it is read. */
const MAX_ATTACHMENT_BYTES = Math.max(MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES);

/** A file's identity on disk, as `lstat`/`fstat` give it. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export interface ReadAttachmentOptions {
  /** The type when neither content nor name tells it: `pdf`, `md`, `jpg` … */
  readonly type?: string | undefined;
  /**
   * The name the file goes by — its document name, the image's name and the label in errors — when
   * `path` is not what the user gave (a server reads the resolved path of the one it was passed).
   */
  readonly fileName?: string | undefined;
  /**
   * Read only this file: `path` is opened without following a final symlink and without waiting
   * on a FIFO, and refused (ATTACHMENT_NOT_ALLOWED) unless the opened file is the one a caller
   * vetted before, so a path swapped between that check and the read is not read.
   */
  readonly expect?: FileIdentity | undefined;
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

/** A failed `stat`, `open`, `realpath` or read of an attachment as its coded error, naming the file. */
export function attachmentReadError(label: string, error: unknown) {
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
 * A regular file of `size` bytes (as `fstat` gave it) read into one buffer of that size: a 4 MB
 * file in a few reads rather than 64 streamed chunks copied twice. One that grew since `fstat`
 * is read again as a stream, so it meets the limit like a pipe.
 */
async function readSizedFile(handle: FileHandle, size: number, label: string): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) return bytes.subarray(0, filled);
    filled += bytesRead;
  }
  const { bytesRead: more } = await handle.read(Buffer.alloc(1), 0, 1, size);
  if (more === 0) return bytes;
  return readAttachmentBytes(handle.createReadStream({ start: 0, autoClose: false }), label);
}

function notTheVettedFile(label: string) {
  return attachmentError(
    'ATTACHMENT_NOT_ALLOWED',
    `${label}: changed while it was being read (it is no longer the file that was checked).`,
    'Attach it again once it stops changing.',
    { file: label },
  );
}

// O_NOFOLLOW and O_NONBLOCK are POSIX; on Windows they are undefined and the identity check remains.
const VETTED_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * A file on disk as a Converse block. Each way it can fail is its own code, with the path in the
 * message: ATTACHMENT_NOT_FOUND, ATTACHMENT_NOT_A_FILE (a directory), ATTACHMENT_UNREADABLE
 * (permissions), ATTACHMENT_TOO_LARGE (checked from its size before it is read), and the type and
 * size checks of {@link attachmentBlock}. Pipes (`<(…)`) are read up to the limit. The file is
 * opened once: its size and type are those of what is read.
 */
export async function readAttachment(
  path: string,
  options: ReadAttachmentOptions = {},
): Promise<AttachmentBlock> {
  const label = options.fileName ?? path;
  let handle: FileHandle;
  try {
    handle = await open(path, options.expect === undefined ? constants.O_RDONLY : VETTED_OPEN_FLAGS);
  } catch (error) {
    // With O_NOFOLLOW a final symlink is ELOOP: the vetted path had none, so it was swapped.
    if (options.expect && (error as NodeJS.ErrnoException).code === 'ELOOP') throw notTheVettedFile(label);
    throw attachmentReadError(label, error);
  }
  let bytes: Buffer;
  try {
    const info = await handle.stat();
    if (options.expect && (info.dev !== options.expect.dev || info.ino !== options.expect.ino)) {
      throw notTheVettedFile(label);
    }
    if (info.isDirectory()) throw notAFile(label, 'a directory');
    if (info.isFile() && info.size > MAX_ATTACHMENT_BYTES) throw tooLarge(label, info.size);
    bytes = info.isFile()
      ? await readSizedFile(handle, info.size, label)
      : await readAttachmentBytes(handle.createReadStream({ autoClose: false }), label);
  } catch (error) {
    if (BedrockChatError.isInstance(error)) throw error;
    throw attachmentReadError(label, error);
  } finally {
    await handle.close();
  }
  return attachmentBlock({ bytes, fileName: label, type: options.type }, label);
}
