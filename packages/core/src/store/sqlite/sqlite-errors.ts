import { BedrockChatError } from '../../errors/bedrock-chat-error.js';

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * What to do about a full disk, whether the write met it or the check before the call foresaw it.
 * Store hints name no app's flags (the CLI has --no-save, the MCP server does not): an app adds its own.
 */
export const DISK_FULL_HINT =
  'Free some space on that disk, or set BEDROCK_CHAT_HOME to a directory on another one.';

const MOVE_ASIDE =
  'Move the file aside (nothing in it was changed) or set BEDROCK_CHAT_HOME to another directory.';

export function notOurDatabase(path: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_CORRUPT',
    message: `${path} is not a bedrock-chat conversation database (or it is damaged).`,
    hint: MOVE_ASIDE,
    cause,
    details: { path },
  });
}

/**
 * SQLite met a page it cannot make sense of (SQLITE_CORRUPT). SQLite stops there and rolls the
 * transaction back, so nothing was written; the rest of the file may still be readable.
 */
export function storeDamaged(path: string, cause: unknown): BedrockChatError {
  const code = codeOf(cause);
  return new BedrockChatError({
    code: 'STORE_CORRUPT',
    message: `The conversation store at ${path} is damaged${code ? ` (${code})` : ''}.`,
    hint: 'Nothing was written to it. Export the conversations you still need (those on sound pages read as before), keep a copy of the file, then move it aside to start a new store (or set BEDROCK_CHAT_HOME to another directory) and import them there.',
    cause,
    details: { path, ...(code ? { errorCode: code } : {}) },
  });
}

/** SQLITE_FULL and ENOSPC: nothing to do with permissions. */
function storeFull(path: string, cause: unknown): BedrockChatError {
  const code = codeOf(cause);
  return new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `The disk holding the conversation store at ${path} is full${code ? ` (${code})` : ''}.`,
    hint: DISK_FULL_HINT,
    cause,
    details: { path, reason: 'disk-full', ...(code ? { errorCode: code } : {}) },
  });
}

export function storeTooNew(path: string, version: number, supported: number): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_TOO_NEW',
    message: `${path} was written by a newer bedrock-chat (schema version ${version}; this one knows up to ${supported}).`,
    hint: 'Upgrade bedrock-chat to use these conversations. The file was not changed.',
    details: { path, version, supported },
  });
}

export function storeUnwritable(path: string, cause: unknown): BedrockChatError {
  const code = codeOf(cause);
  return new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `Cannot write the conversation store at ${path}${code ? ` (${code})` : ''}.`,
    hint: 'Check that the directory exists, is a directory and is writable by you, or set BEDROCK_CHAT_HOME to one that is.',
    cause,
    details: { path, ...(code ? { errorCode: code } : {}) },
  });
}

function storeBusy(path: string, cause: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_UNWRITABLE',
    message: `The conversation store at ${path} stayed locked by another process.`,
    hint: 'Another bedrock-chat process held the database for longer than the busy timeout; try again.',
    cause,
    details: { path, errorCode: 'SQLITE_BUSY', retryable: true },
  });
}

/**
 * Turns SQLite and file-system failures into our errors; BedrockChatErrors pass through. Unique
 * violations are left to the caller, which knows whether they mean a conflict.
 */
export function toStoreError(error: unknown, path: string): unknown {
  if (BedrockChatError.isInstance(error)) return error;
  const code = codeOf(error) ?? '';
  if (code === 'SQLITE_NOTADB') return notOurDatabase(path, error);
  if (code.startsWith('SQLITE_CORRUPT')) return storeDamaged(path, error);
  // SHMSIZE: growing the -shm file failed, which on a full disk is what a new WAL index meets first.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE')
    return storeFull(path, error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return storeBusy(path, error);
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_PERM') ||
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR'].includes(code)
  ) {
    return storeUnwritable(path, error);
  }
  if (code.startsWith('SQLITE_')) {
    return new BedrockChatError({
      code: 'INTERNAL',
      message: `Unexpected database error in ${path}: ${error instanceof Error ? error.message : code}`,
      cause: error,
      details: { path, errorCode: code },
    });
  }
  return error;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
