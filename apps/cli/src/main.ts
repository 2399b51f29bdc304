import { createDefaultDeps } from './cli-deps.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODES } from './exit-codes.js';
import { guardProcessOutput } from './process-output.js';
import { runCli } from './run-cli.js';

/** The CLI on the real process: its streams, environment and working directory. */
export async function main(argv: readonly string[]): Promise<number> {
  // `bedrock-chat … | head` closes the pipe early: the command still finishes (a reply is received
  // whole and saved) with nothing more written there, and exits as it would have (0 on success).
  const stdout = guardProcessOutput(process.stdout);
  const stderr = guardProcessOutput(process.stderr);
  const io: CliIo = {
    stdout,
    stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
  const code = await runCli(argv, io, createDefaultDeps(io));
  // The last write's error arrives after runCli is done (every command but a streamed turn).
  await stdout.settle();
  // A reader that left is no failure; output lost to anything else (a full disk) is.
  if (stdout.failure === undefined || code !== EXIT_CODES.success) return code;
  stderr.write(`error: writing to stdout failed: ${stdout.failure.message}\n`);
  return EXIT_CODES.unexpected;
}
