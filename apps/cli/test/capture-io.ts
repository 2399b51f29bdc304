import { PassThrough, Readable } from 'node:stream';
import type { CliIo, InputStream, OutputStream } from '../src/cli-io.js';

export interface CapturedOutput extends OutputStream {
  text(): string;
}

export function captureOutput(isTTY = false): CapturedOutput {
  let text = '';
  return {
    isTTY,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

export interface CapturedIo extends CliIo {
  stdout: CapturedOutput;
  stderr: CapturedOutput;
}

export interface CaptureOptions {
  /** Piped stdin text; omitted: stdin is a terminal (never read). */
  stdin?: string | InputStream | undefined;
  env?: Record<string, string | undefined> | undefined;
  stdoutTTY?: boolean | undefined;
  stderrTTY?: boolean | undefined;
  cwd?: string | undefined;
}

/** Streams for a command function or runCli, with stdout and stderr captured. */
export function captureIo(options: CaptureOptions = {}): CapturedIo {
  let stdin: InputStream;
  if (options.stdin === undefined) {
    const terminal = new PassThrough() as PassThrough & { isTTY?: boolean };
    terminal.isTTY = true;
    stdin = terminal;
  } else if (typeof options.stdin === 'string') {
    stdin = Readable.from([Buffer.from(options.stdin)]);
  } else {
    stdin = options.stdin;
  }
  return {
    stdout: captureOutput(options.stdoutTTY),
    stderr: captureOutput(options.stderrTTY),
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}
