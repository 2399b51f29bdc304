import { isAbsolute, resolve } from 'node:path';
import type { AttachmentBlock } from '@bedrock-chat/core';
import type { CliIo } from './cli-io.js';
import { invalidInput } from './option-values.js';

/** `-a -`: the file comes from stdin. */
export const STDIN_PATH = '-';

/**
 * Reads the files of `--attach` (and `/attach`) into Converse blocks, in order, before anything
 * else happens: a missing, unreadable, too large or unsupported file fails here with core's coded
 * error (exit 2), so nothing is sent or stored. `-` reads stdin; `type` names its type when its
 * content cannot (`--attach-type md`).
 */
export async function loadAttachments(
  io: CliIo,
  paths: readonly string[],
  type?: string | undefined,
): Promise<AttachmentBlock[]> {
  if (paths.length === 0) return [];
  const { attachmentBlock, readAttachment, readAttachmentBytes } = await import('@bedrock-chat/core');
  const blocks: AttachmentBlock[] = [];
  for (const path of paths) {
    if (path === STDIN_PATH) {
      if (io.stdin.isTTY) {
        throw invalidInput(
          '--attach - reads a file from stdin, but stdin is a terminal.',
          'Pipe or redirect the file: bedrock-chat -a - "describe it" < photo.png',
        );
      }
      const bytes = await readAttachmentBytes(io.stdin as AsyncIterable<Uint8Array>, 'stdin');
      blocks.push(attachmentBlock({ bytes, type, fileName: 'stdin' }, 'stdin'));
    } else {
      blocks.push(await readAttachment(isAbsolute(path) ? path : resolve(io.cwd, path)));
    }
  }
  return blocks;
}
