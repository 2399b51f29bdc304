import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { DISK_FULL_HINT } from './sqlite-errors.js';
import type { WrittenBytes } from './sqlite-writes.js';

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
 * than the turn is likely to need, from what its rehearsal wrote (`written`):
 * - each file new to the owner, by its byte size, twice: its pages go to the WAL at the commit and
 *   into the database file at the checkpoint (it is stored raw, once, and not indexed);
 * - the message rows as stored (content JSON with files by reference, and their text) three
 *   times: the WAL, the file after the checkpoint, the indexes and full-text index;
 * - TURN_HEADROOM_BYTES for the reply, not known yet, and the pages every write touches.
 */
export function checkFreeSpace(path: string, written: WrittenBytes, freeBytes: FreeBytes): void {
  const free = freeBytes(dirname(path));
  const needed = TURN_HEADROOM_BYTES + 2 * written.blobBytes + 3 * written.rowBytes;
  if (free === undefined || free >= needed) return;
  throw new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `The disk holding the conversation store at ${path} is full: ${kilobytes(free)} free, and saving this turn needs about ${kilobytes(needed)}.`,
    hint: `Nothing was sent to the model. ${DISK_FULL_HINT}`,
    details: { path, reason: 'disk-full', freeBytes: free, neededBytes: needed },
  });
}
