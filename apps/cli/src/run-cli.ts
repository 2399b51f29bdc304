import type { CliDeps, CommandContext } from './cli-deps.js';
import { type CliIo, isDebug } from './cli-io.js';
import { createHandlers } from './commands/handlers.js';
import { exitCodeFor, formatError, formatErrorJson, isCommanderError } from './exit-codes.js';
import { type CommandHandlers, createProgram } from './program.js';

async function loadRedactor(): Promise<(text: string) => string> {
  try {
    return (await import('@bedrock-chat/core')).redactSecrets;
  } catch {
    return (text) => text;
  }
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Every failure
 * ends here: one line and a hint on stderr (and with --json the same as JSON on stdout), the exit
 * code from exit-codes.ts.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps,
  handlers?: (context: CommandContext) => CommandHandlers,
): Promise<number> {
  let debugFlag = false;
  const context: CommandContext = {
    io,
    deps,
    get debug() {
      return isDebug(io.env, debugFlag);
    },
  };
  const cli = createProgram((handlers ?? createHandlers)(context), io);
  cli.program.on('option:debug', () => {
    debugFlag = true;
  });
  try {
    if (argv.length === 0 && io.stdin.isTTY) {
      cli.program.outputHelp();
      return 0;
    }
    await cli.program.parseAsync([...argv], { from: 'user' });
    return cli.exitCode();
  } catch (error) {
    // commander has printed its own message (or the help); core need not load for that.
    const redact = isCommanderError(error) ? undefined : await loadRedactor();
    if (cli.json()) {
      const json = formatErrorJson(error, { redact });
      if (json !== undefined) io.stdout.write(json);
    }
    io.stderr.write(formatError(error, { debug: context.debug, redact }));
    return exitCodeFor(error);
  }
}
