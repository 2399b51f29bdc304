import { realpath } from 'node:fs/promises';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedrockChatError } from '@bedrock-chat/core';
import { z } from 'zod';
import type { ToolExtra } from '../tools/tool-errors.js';

/** A directory the client shares (roots/list): as it wrote it and, when it exists here, after realpath. */
export interface ClientRoot {
  readonly uri: string;
  readonly path: string;
  readonly real: string | undefined;
}

/**
 * roots/list as we read it: any URI string. The SDK's schema insists on `file://` and would turn
 * one odd root into a schema dump; a root that is not a local file URI simply grants nothing.
 */
const RootsAnswerSchema = z.looseObject({ roots: z.array(z.looseObject({ uri: z.string() })) });

function clientRootsFailed(reason: string): BedrockChatError {
  return new BedrockChatError({
    code: 'ATTACHMENT_NOT_ALLOWED',
    message: `files: the client declares roots, but its roots/list failed (${reason}); no file is read without them.`,
    hint: 'Call again; if it persists, the client cannot share its roots and files cannot be used from it.',
  });
}

async function toClientRoot(uri: string): Promise<ClientRoot | undefined> {
  let path: string;
  try {
    if (!uri.startsWith('file://')) return undefined;
    path = normalize(fileURLToPath(uri));
  } catch {
    return undefined; // not a local file URI: it can grant nothing here
  }
  const real = await realpath(path).catch(() => undefined);
  return { uri, path, real };
}

/**
 * The client's roots (MCP roots/list, spec 2025-11-25 "Roots"), asked during the call that needs
 * them, so a change the client made since is seen. They only narrow the server's roots. A client
 * that declares the capability and then fails to answer gets no files (fail closed); an empty list
 * shares nothing.
 */
export async function listClientRoots(extra: ToolExtra, signal: AbortSignal): Promise<ClientRoot[]> {
  let roots: { uri: string }[];
  try {
    ({ roots } = await extra.sendRequest({ method: 'roots/list' }, RootsAnswerSchema, { signal }));
  } catch (error) {
    if (signal.aborted) throw error;
    throw clientRootsFailed(error instanceof Error ? error.message : String(error));
  }
  const resolved = await Promise.all(roots.map((root) => toClientRoot(root.uri)));
  return resolved.filter((root) => root !== undefined);
}
