import type { OutputStream } from './cli-io.js';
import { EXIT_CODES } from './exit-codes.js';

/** process.stdout or process.stderr as the CLI writes to it (see guardProcessOutput). */
export interface ProcessOutput extends OutputStream {
  readonly closed: boolean;
  /** The first write error other than EPIPE (a full disk, a device error): worth reporting. */
  readonly failure: NodeJS.ErrnoException | undefined;
  readonly underlying: NodeJS.WriteStream;
  /**
   * Resolves once every write so far has gone out or failed. A write error comes as an 'error'
   * event on a later tick than the write (also for a file, written synchronously), so `failure`
   * is only final after this.
   */
  settle(): Promise<void>;
}

/**
 * Wraps a process stream so that its reader leaving (`bedrock-chat … | head` exits: EPIPE) or a
 * failing write stops the writing, not the command: a reply still streaming is received whole and
 * saved, tools keep running, the store is closed as usual. Node's stdio streams never end
 * themselves on a write error (every later write fails again, one 'error' event each), and an
 * 'error' event nobody listens to would crash the process with the turn unsaved.
 *
 * As ripgrep does (BurntSushi/ripgrep crates/core/main.rs: "A broken pipe means graceful
 * termination"), EPIPE is no failure; any other write error is kept in `failure` for main to
 * report once the command is done.
 */
export function guardProcessOutput(stream: NodeJS.WriteStream): ProcessOutput {
  let error: NodeJS.ErrnoException | undefined;
  stream.on('error', (cause: NodeJS.ErrnoException) => {
    // Writes already on their way fail too; the first error says what happened.
    error ??= cause;
  });
  return {
    write(chunk: string) {
      return error === undefined ? stream.write(chunk) : false;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    get closed() {
      return error !== undefined;
    },
    get failure() {
      return error?.code === 'EPIPE' ? undefined : error;
    },
    underlying: stream,
    settle() {
      if (error !== undefined || stream.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          stream.off('error', done);
          // The 'error' event of a failed write follows its callback on the next tick.
          setImmediate(resolve);
        };
        stream.once('error', done);
        stream.write('', done);
      });
    },
  };
}

/**
 * The command's exit code once everything it wrote to stdout went out: a reader that left (EPIPE)
 * is no failure; output lost to anything else (a full disk: ENOSPC) turns a success into exit 1,
 * with one error line. Every path that writes stdout ends here (main, and bin's `--version`).
 */
export async function exitCodeAfterOutput(
  code: number,
  stdout: ProcessOutput,
  stderr: OutputStream,
): Promise<number> {
  // The last write's error arrives after the command is done (every command but a streamed turn).
  await stdout.settle();
  if (stdout.failure === undefined || code !== EXIT_CODES.success) return code;
  stderr.write(`error: writing to stdout failed: ${stdout.failure.message}\n`);
  return EXIT_CODES.unexpected;
}
