import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { isBase64 } from '../../messages/base64-schema.js';
import { DISK_FULL_HINT } from './sqlite-errors.js';

/** Free bytes for this user on the disk holding `directory`; undefined when it cannot be told. */
export type FreeBytes = (directory: string) => number | undefined;

export const freeBytesOnDisk: FreeBytes = (directory) => {
  try {
    const stats = statfsSync(directory);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
};

/**
 * What a turn's write needs beyond its own messages. A rolled-back rehearsal writes nothing, so it
 * cannot meet a full disk; the commit writes every changed 4 KiB page to the WAL: the rows, their
 * indexes and the full-text index, for the prompt and for a reply not known yet. A long reply
 * (64,000 tokens, about 256 KB of text, stored as content and indexed) fits in 1 MiB.
 */
export const TURN_HEADROOM_BYTES = 1024 * 1024;

function kilobytes(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;
}

/**
 * Throws the disk-full error before the model call when the disk holding the store has less room
 * than the turn is likely to need: its messages three times over (the WAL, the file after the
 * checkpoint, the index) plus TURN_HEADROOM_BYTES.
 */
export function checkFreeSpace(path: string, messageBytes: number, freeBytes: FreeBytes): void {
  const free = freeBytes(dirname(path));
  const needed = TURN_HEADROOM_BYTES + 3 * messageBytes;
  if (free === undefined || free >= needed) return;
  throw new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `The disk holding the conversation store at ${path} is full: ${kilobytes(free)} free, and saving this turn needs about ${kilobytes(needed)}.`,
    hint: `Nothing was sent to the model. ${DISK_FULL_HINT}`,
    details: { path, reason: 'disk-full', freeBytes: free, neededBytes: needed },
  });
}

/**
 * `Buffer.byteLength(JSON.stringify(messages))`, without writing out the files they hold inline:
 * base64 is ASCII that JSON does not escape, so a file's string counts its length and its two
 * quotes, and a 4 MB file's 5.6 MB of base64 is not copied into a larger string to be measured.
 */
export function messagesJsonBytes(messages: unknown): number {
  let inlineChars = 0;
  const json = JSON.stringify(messages, (key, value: unknown) => {
    if (key !== 'bytes' || typeof value !== 'string' || !isBase64(value)) return value;
    inlineChars += value.length;
    return '';
  });
  return Buffer.byteLength(json ?? '') + inlineChars;
}
