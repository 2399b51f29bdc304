import { readFileSync } from 'node:fs';
import { ServerConfigError } from '../config/server-config.js';

/**
 * Descriptors kept free of HTTP connections: stdio, the listening socket, the SQLite store (database,
 * WAL and shared-memory files), Bedrock's HTTP/2 sessions, and Node's own (epoll, signal pipes,
 * the thread pool). Past the limit accept() fails with EMFILE and libuv drops the connection
 * without a word, so a cap that does not fit lets idle sockets lock out every client again.
 */
export const DESCRIPTOR_HEADROOM = 64;

/**
 * The soft RLIMIT_NOFILE ("Max open files" in /proc/self/limits, see proc_pid_limits(5)); undefined
 * where that file does not exist (not Linux) or the limit is unlimited.
 */
export function readOpenFileLimit(
  readLimits: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): number | undefined {
  let text: string;
  try {
    text = readLimits();
  } catch {
    return undefined;
  }
  const soft = /^Max open files\s+(\d+)\s/m.exec(text)?.[1];
  return soft === undefined ? undefined : Number(soft);
}

export interface ConnectionCapRequest {
  /** The cap asked for, or undefined for the default. */
  requested: number | undefined;
  /** Who asked for it: `--max-connections` or the variable, for the message. */
  source: string | undefined;
  defaultCap: number;
  openFileLimit: number | undefined;
}

/**
 * The connection cap to use: an explicit cap above what the open-file limit allows is refused
 * (ServerConfigError, exit 2); the default is lowered to fit, with a warning to log.
 */
export function fitConnectionCap(request: ConnectionCapRequest): { cap: number; warning?: string } {
  const { requested, openFileLimit, defaultCap } = request;
  const cap = requested ?? defaultCap;
  if (openFileLimit === undefined) return { cap };
  const fits = Math.max(1, openFileLimit - DESCRIPTOR_HEADROOM);
  if (cap <= fits) return { cap };
  const why = `the open-file limit (ulimit -n) is ${openFileLimit} and ${DESCRIPTOR_HEADROOM} descriptors are kept for the store, Bedrock and stdio`;
  if (requested !== undefined) {
    throw new ServerConfigError(
      `${request.source ?? '--max-connections'} ${requested} does not fit: ${why}. Use at most ${fits}, or raise the limit.`,
    );
  }
  return {
    cap: fits,
    warning: `warning: HTTP connections are capped at ${fits}, not ${defaultCap}: ${why}. Raise the limit to allow more.`,
  };
}
