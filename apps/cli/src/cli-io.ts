/** A stream the CLI writes to: process.stdout/stderr, or a capture in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  /**
   * True once its reader went away (`| head` exited: EPIPE) or a write failed: writes are dropped
   * from then on (process-output.ts). A command with more to write than one reply stops there.
   */
  readonly closed?: boolean | undefined;
  /** The process stream underneath, for node:readline (a terminal chat's prompt and line editing). */
  readonly underlying?: NodeJS.WritableStream | undefined;
}

/** A stream the CLI reads from: process.stdin, or a PassThrough / Readable in tests. */
export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean | undefined };

export type Environment = Readonly<Record<string, string | undefined>>;

/** Everything a command touches of the terminal and process. Injected, so tests need no TTY. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Environment;
  cwd: string;
}

/** Colour and Markdown styling: only on a terminal, never with NO_COLOR or TERM=dumb. */
export function useColor(stream: OutputStream, env: Environment): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function isDebug(env: Environment, flag: boolean | undefined): boolean {
  if (flag) return true;
  const value = env.BEDROCK_CHAT_DEBUG;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Reads a whole stream as UTF-8 (stdin when it is piped). */
export async function readAll(stream: InputStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}
