import { createDefaultDeps } from './cli-deps.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

/** The CLI on the real process: its streams, environment and working directory. */
export async function main(argv: readonly string[]): Promise<number> {
  // `bedrock-chat … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
  return runCli(argv, io, createDefaultDeps(io));
}
