import { realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, normalize } from 'node:path';
import { ServerConfigError } from '../config/server-config.js';

/** The variables that grant `chat` its files: one per transport, since an HTTP caller is not on the user's desktop. */
export const FILE_ROOTS_ENV = {
  stdio: 'BEDROCK_CHAT_MCP_FILE_ROOTS',
  http: 'BEDROCK_CHAT_MCP_HTTP_FILE_ROOTS',
} as const;

export type FileTransport = keyof typeof FILE_ROOTS_ENV;

/** A directory `chat` may read files under: as configured (normalised) and after realpath. */
export interface FileRoot {
  readonly path: string;
  readonly real: string;
}

/** What `chat`'s `files` may read; no roots means `files` is off. */
export interface FileAccess {
  /** The variable the roots came from, named in every refusal. */
  readonly variable: string;
  readonly roots: readonly FileRoot[];
}

type Env = Readonly<Record<string, string | undefined>>;

function root(variable: string, entry: string): FileRoot {
  if (!isAbsolute(entry)) {
    throw new ServerConfigError(
      `${variable}: "${entry}" is not an absolute path; list absolute directories.`,
    );
  }
  const path = normalize(entry);
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be resolved (${code})`;
    throw new ServerConfigError(`${variable}: ${path} ${reason}.`);
  }
  if (!statSync(real).isDirectory()) throw new ServerConfigError(`${variable}: ${path} is not a directory.`);
  return { path, real };
}

/**
 * The file roots of a transport, from its variable (`path.delimiter`-separated, blanks dropped).
 * Each must be an absolute path to an existing directory, resolved once here: a root that is
 * missing or mistyped stops the server at start (exit 2) rather than leaving `files` quietly off.
 * The other transport's variable is never read.
 */
export function loadFileAccess(env: Env, transport: FileTransport): FileAccess {
  const variable = FILE_ROOTS_ENV[transport];
  const raw = env[variable] ?? '';
  const entries = raw
    .split(delimiter)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Set to separators or blanks only: a mistake, not "unset" (an empty value is unset).
  if (entries.length === 0 && raw !== '') {
    throw new ServerConfigError(
      `${variable}: "${raw}" lists no directory; list absolute directories separated by "${delimiter}", or leave it empty to turn files off.`,
    );
  }
  return { variable, roots: entries.map((entry) => root(variable, entry)) };
}

/** Files off, as when no variable is set (stdio's variable named). */
export const NO_FILE_ACCESS: FileAccess = { variable: FILE_ROOTS_ENV.stdio, roots: [] };
