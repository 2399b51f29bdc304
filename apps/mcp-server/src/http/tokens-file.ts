import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NamedPrincipalSchema } from '@bedrock-chat/core';
import { z } from 'zod';
import { ServerConfigError } from '../config/server-config.js';

/** A tokens file is a short list of names and hashes; anything larger is a mistake (or /dev/zero). */
const MAX_TOKENS_FILE_BYTES = 1_048_576;

const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of a token (64 hex digits)')
  .transform((hex) => hex.toLowerCase());

const TokenHashesSchema = z.array(Sha256HexSchema).min(1, 'needs at least one token hash');

/** The file's top level: an object (its entries are checked one by one, see {@link parseTokensFile}). */
const TokensFileObjectSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be a JSON object',
);

/** One accepted token: who it is, by the SHA-256 of the token. */
export interface TokenEntry {
  readonly principal: string;
  readonly sha256: Buffer;
}

export interface LoadedTokens {
  entries: TokenEntry[];
  /** Said once at start (e.g. the file is readable by others). */
  warnings: string[];
}

/** `"alice"[1]: must be …` — where in the file, then what is wrong. */
function describeIssues(principal: string | undefined, error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const [index] = issue.path;
      const where =
        principal === undefined
          ? 'the file'
          : `${JSON.stringify(principal)}${index === undefined ? '' : `[${String(index)}]`}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function invalid(path: string, reason: string): ServerConfigError {
  return new ServerConfigError(
    `Tokens file ${path} is invalid: ${reason}. Expected {"<principal>": ["<hex sha256 of a token>", …]}.`,
  );
}

/**
 * The parsed file as token entries. A hash listed under two principals is refused: which of them
 * a request is would depend on the order of the file.
 */
export function parseTokensFile(text: string, path: string): TokenEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ServerConfigError(
      `Tokens file ${path} is not JSON (${error instanceof Error ? error.message : String(error)}); expected {"<principal>": ["<hex sha256 of a token>", …]}.`,
    );
  }
  const top = TokensFileObjectSchema.safeParse(json);
  if (!top.success) throw invalid(path, describeIssues(undefined, top.error));
  // Own keys, one by one, into a Map: JSON.parse makes "__proto__" an own key, which a record
  // schema or a plain-object lookup would turn into a prototype (and drop silently).
  const file = Object.entries(top.data);
  if (file.length === 0) throw invalid(path, 'the file: names no principal');
  const ownerOf = new Map<string, string>();
  const entries: TokenEntry[] = [];
  for (const [principal, value] of file) {
    const name = NamedPrincipalSchema.safeParse(principal);
    if (!name.success) {
      throw invalid(
        path,
        `principal ${JSON.stringify(principal)} is not allowed (${name.error.issues[0]?.message})`,
      );
    }
    const hashes = TokenHashesSchema.safeParse(value);
    if (!hashes.success) throw invalid(path, describeIssues(principal, hashes.error));
    for (const hex of new Set(hashes.data)) {
      const other = ownerOf.get(hex);
      if (other !== undefined) {
        throw new ServerConfigError(
          `Tokens file ${path} lists the same token hash for "${other}" and "${principal}"; a token names one principal.`,
        );
      }
      ownerOf.set(hex, principal);
      entries.push({ principal, sha256: Buffer.from(hex, 'hex') });
    }
  }
  return entries;
}

/**
 * The permission rule. Writable by group or others is refused: whoever can write the file can add
 * a token for any principal and read their conversations. Readable by them is a warning only: the
 * file holds hashes, not tokens (a random token cannot be recovered from its SHA-256, a weak one can
 * be guessed offline), and container platforms mount secrets 0644 by default.
 */
export function checkTokensFileMode(mode: number, path: string): string[] {
  if ((mode & 0o022) !== 0) {
    throw new ServerConfigError(
      `Tokens file ${path} is writable by ${(mode & 0o002) !== 0 ? 'anyone' : 'its group'}: whoever can write it can let themselves in as any principal. Run chmod 600 ${path}.`,
    );
  }
  if ((mode & 0o044) !== 0) {
    return [
      `warning: tokens file ${path} is readable by ${(mode & 0o004) !== 0 ? 'anyone' : 'its group'}; it holds only hashes, but a weak token can be guessed from its hash: chmod 600 ${path}.`,
    ];
  }
  return [];
}

/** Group- or world-writable without the sticky bit: anyone who can write it can rename entries in it. */
const STICKY = 0o1000;

/**
 * The directory rule, as sshd's StrictModes applies it to authorized_keys: every directory from the
 * file (as named and, through symlinks, as resolved) up to `/` must not be writable by group or
 * others unless it has the sticky bit (like /tmp). In such a directory anyone can rename their own
 * file over this one, or move a parent aside, and be let in as any principal at the next restart.
 */
export function checkTokensFileDirectories(
  path: string,
  modeOf: (dir: string) => number = (dir) => statSync(dir).mode,
): void {
  const checked = new Set<string>();
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  for (const start of [resolve(path), real]) {
    for (let dir = dirname(start); !checked.has(dir); dir = dirname(dir)) {
      checked.add(dir);
      const mode = modeOf(dir);
      if ((mode & 0o022) !== 0 && (mode & STICKY) === 0) {
        throw new ServerConfigError(
          `Tokens file ${path} is in ${dir}, which ${(mode & 0o002) !== 0 ? 'anyone' : 'its group'} can write (and it has no sticky bit): whoever can write there can put their own file in place of this one. Run chmod go-w ${dir}, or move the file to a directory only you can write.`,
        );
      }
    }
  }
}

function readBounded(path: string): { text: string; mode: number } {
  let descriptor: number;
  try {
    // One descriptor for the mode and the bytes: the file checked is the file read.
    descriptor = openSync(path, constants.O_RDONLY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable by this user'
          : `cannot be opened (${code ?? String(error)})`;
    throw new ServerConfigError(`Tokens file ${path} ${reason}.`);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new ServerConfigError(`Tokens file ${path} is not a regular file.`);
    if (stats.size > MAX_TOKENS_FILE_BYTES) {
      throw new ServerConfigError(`Tokens file ${path} is larger than ${MAX_TOKENS_FILE_BYTES} bytes.`);
    }
    const buffer = Buffer.alloc(stats.size);
    let offset = 0;
    while (offset < buffer.length) {
      const read = readSync(descriptor, buffer, offset, buffer.length - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { text: buffer.subarray(0, offset).toString('utf8'), mode: stats.mode };
  } finally {
    closeSync(descriptor);
  }
}

/** Reads, checks and parses `--tokens <path>`. Throws ServerConfigError (exit 2) with the reason. */
export function loadTokensFile(path: string): LoadedTokens {
  const { text, mode } = readBounded(path);
  const warnings = checkTokensFileMode(mode, path);
  checkTokensFileDirectories(path);
  return { entries: parseTokensFile(text, path), warnings };
}
