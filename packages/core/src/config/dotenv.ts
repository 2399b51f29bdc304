import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';

export interface DotEnvResult {
  /** The file read, or undefined when there is none. */
  path: string | undefined;
  /** How messages name the file: `./.env` for the working directory's, else the path given. */
  label: string | undefined;
  /** Every variable the file defines (values included: treat as secret). */
  values: Record<string, string>;
}

export const NO_DOTENV: DotEnvResult = Object.freeze({ path: undefined, label: undefined, values: {} });

/**
 * Reads `.env` in `cwd` when there is one (the course keeps its Bedrock API key there). It never
 * touches `process.env`: `resolveConfig` layers it under the real environment, and takes
 * credentials from it only when the user chose none (see choose-credentials.ts).
 */
export function readDotEnv(cwd: string, fileName = '.env'): DotEnvResult {
  const path = join(cwd, fileName);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return NO_DOTENV;
  }
  return { path, label: `./${fileName}`, values: parseEnv(text) as Record<string, string> };
}

/**
 * Reads an env file named explicitly (the MCP server's `--env-file`): unlike `.env`, a file the
 * user asked for must exist.
 */
export function readEnvFile(path: string, label = path): DotEnvResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BedrockChatError({
      code: 'CONFIG_INVALID',
      message: `The env file ${label} cannot be read: ${(error as Error).message}`,
      hint: 'Check that the file exists and is readable, or name another one.',
      cause: error,
      details: { path },
    });
  }
  return { path, label, values: parseEnv(text) as Record<string, string> };
}
