import type { CliDeps, CommandContext, InterruptSignal } from './cli-deps.js';
import { type CliIo, isDebug } from './cli-io.js';
import type { RawTurnFlags } from './cli-options.js';
import { createHandlers } from './commands/handlers.js';
import {
  exitCodeAfterSignal,
  exitCodeFor,
  formatError,
  formatErrorJson,
  isCommanderError,
} from './exit-codes.js';
import type { EarlyServers } from './mcp/early-start.js';
import { earlyStartPlan } from './mcp/early-start-plan.js';
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
  let storeFlag: string | undefined;
  let signalled: InterruptSignal | undefined;
  let earlyServers: EarlyServers | undefined;
  const context: CommandContext = {
    io,
    // Every command that opens the store gets --store, wherever on the line it was given.
    deps: {
      ...deps,
      openStore: (options) => deps.openStore({ ...options, store: storeFlag ?? options?.store }),
      // The first signal that cancelled something decides the exit code (exitCodeAfterSignal).
      onInterrupt: (handler) =>
        deps.onInterrupt((signal) => {
          signalled ??= signal;
          handler(signal);
        }),
    },
    get debug() {
      return isDebug(io.env, debugFlag);
    },
    get store() {
      return storeFlag;
    },
    get earlyServers() {
      return earlyServers;
    },
  };
  const cli = createProgram((handlers ?? createHandlers)(context), io);
  cli.program.on('option:debug', () => {
    debugFlag = true;
  });
  cli.program.on('option:store', (value: string) => {
    storeFlag = value;
  });
  // The servers of `ask --mcp` / `chat --mcp` start now, overlapping everything the command loads,
  // unless the command could still be refused before it uses them (mcp/early-start-plan.ts).
  cli.program.hook('preAction', async (_program, command) => {
    const name = command.name();
    const flags = command.opts<RawTurnFlags>();
    if ((name !== 'ask' && name !== 'chat') || (flags.mcp?.length ?? 0) === 0) return;
    const plan = earlyStartPlan({
      command: name,
      flags,
      words: command.args,
      stdinIsTTY: io.stdin.isTTY === true,
    });
    if (plan === 'later') return;
    // Throws the command's own usage error (exit 2) before any server is spawned.
    if (plan === 'after-check') (await import('./cli-options.js')).parseTurnOptions(flags);
    earlyServers = await deps.startServersEarly?.(flags, context.deps.onInterrupt);
  });
  try {
    if (argv.length === 0 && io.stdin.isTTY) {
      cli.program.outputHelp();
      return 0;
    }
    await cli.program.parseAsync([...argv], { from: 'user' });
    return exitCodeAfterSignal(cli.exitCode(), signalled);
  } catch (error) {
    // commander has printed its own message (or the help); core need not load for that.
    const redact = isCommanderError(error) ? undefined : await loadRedactor();
    if (cli.json()) {
      const json = formatErrorJson(error, { redact });
      if (json !== undefined) io.stdout.write(json);
    }
    io.stderr.write(formatError(error, { debug: context.debug, redact }));
    return exitCodeAfterSignal(exitCodeFor(error), signalled);
  } finally {
    // Those the command did not take over (it failed first, or never got to them) are ended.
    await earlyServers?.discard();
  }
}
