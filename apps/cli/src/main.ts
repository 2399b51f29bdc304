import { createDefaultDeps } from './cli-deps.js';
import type { CliIo } from './cli-io.js';
import { exitCodeAfterOutput, guardProcessOutput } from './process-output.js';
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
  return exitCodeAfterOutput(await runCli(argv, io, createDefaultDeps(io)), stdout, stderr);
}
