import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, normalize } from 'node:path';
import {
  type AttachmentBlock,
  attachmentReadError,
  BedrockChatError,
  readAttachment,
} from '@bedrock-chat/core';
import type { ClientRoot } from './client-roots.js';
import type { FileAccess } from './file-roots.js';
import { isWithin } from './path-within.js';

export interface ReadRequestFilesOptions {
  /** The paths as the caller passed them. */
  readonly paths: readonly string[];
  readonly access: FileAccess;
  /** The client's roots when it declares the capability (asked once, only if a path needs them). */
  readonly clientRoots?: (() => Promise<readonly ClientRoot[]>) | undefined;
}

function notAllowed(message: string, hint: string, file?: string): BedrockChatError {
  return new BedrockChatError({
    code: 'ATTACHMENT_NOT_ALLOWED',
    message,
    hint,
    details: file === undefined ? {} : { file },
  });
}

function rootsHint(access: FileAccess): string {
  const roots = access.roots.map((root) => root.path).join(', ');
  return `Pass absolute paths under ${roots}; other directories are for the user who runs this MCP server to add to ${access.variable}.`;
}

function outsideServerRoots(access: FileAccess, path: string, resolved: boolean): BedrockChatError {
  const where = resolved ? 'resolves (through a symlink) to a path outside' : 'is outside';
  return notAllowed(`${path} ${where} the file roots (${access.variable}).`, rootsHint(access), path);
}

function outsideClientRoots(roots: readonly ClientRoot[], path: string, resolved: boolean): BedrockChatError {
  const where = resolved ? 'resolves (through a symlink) to a path outside' : 'is outside';
  const shared = roots.length === 0 ? 'none' : roots.map((root) => root.uri).join(', ');
  return notAllowed(
    `${path} ${where} the roots this client shares (roots/list: ${shared}).`,
    "Pass a file under the client's roots, or ask the user to add its directory to the client's roots.",
    path,
  );
}

/**
 * Reads `chat`'s `files` into Converse blocks, in order, after checking each against the rules;
 * any refusal throws before anything is sent or stored. A path must be absolute; normalised as
 * written (so `..` cannot climb out) and again after realpath (so a symlink cannot lead out) it
 * must lie under one of the server's roots and, when the client shares roots, under one of those
 * too: the client can narrow what the server allows, never widen it. Only regular files are read,
 * and only the file that was checked (core's `expect`). A path component swapped for a symlink in
 * the instant between the realpath and the open is the one race left: the last component is not
 * followed and the opened file must be the one checked, so only a directory swap could slip in.
 */
export async function readRequestFiles(options: ReadRequestFilesOptions): Promise<AttachmentBlock[]> {
  const { access, paths } = options;
  if (paths.length === 0) return [];
  if (access.roots.length === 0) {
    throw notAllowed(
      `files: this server reads no files (${access.variable} is unset).`,
      `Omit files, or tell the user who runs this MCP server to set ${access.variable} to the directories it may read.`,
    );
  }
  let clientRoots: readonly ClientRoot[] | undefined;
  const blocks: AttachmentBlock[] = [];
  for (const written of paths) {
    if (!isAbsolute(written)) {
      throw notAllowed(
        `${written}: not an absolute path; files takes absolute paths.`,
        rootsHint(access),
        written,
      );
    }
    const path = normalize(written);
    if (!access.roots.some((root) => isWithin(root.path, path) || isWithin(root.real, path))) {
      throw outsideServerRoots(access, path, false);
    }
    if (options.clientRoots !== undefined) {
      clientRoots ??= await options.clientRoots();
      if (
        !clientRoots.some(
          (root) => isWithin(root.path, path) || (root.real !== undefined && isWithin(root.real, path)),
        )
      ) {
        throw outsideClientRoots(clientRoots, path, false);
      }
    }
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      throw attachmentReadError(path, error);
    }
    if (!access.roots.some((root) => isWithin(root.real, real))) throw outsideServerRoots(access, path, true);
    if (
      clientRoots !== undefined &&
      !clientRoots.some((root) => root.real !== undefined && isWithin(root.real, real))
    ) {
      throw outsideClientRoots(clientRoots, path, true);
    }
    const info = await lstat(real).catch((error: unknown) => {
      throw attachmentReadError(path, error);
    });
    if (!info.isFile()) {
      throw new BedrockChatError({
        code: 'ATTACHMENT_NOT_A_FILE',
        message: `${path}: is ${info.isDirectory() ? 'a directory' : 'not a regular file'}, not a file to attach.`,
        hint: 'Pass the path of a file (an image or a document).',
        details: { file: path },
      });
    }
    blocks.push(await readAttachment(real, { fileName: path, expect: info }));
  }
  return blocks;
}
