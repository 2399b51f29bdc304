import type { ApprovalDecision, ChatStep, ToolCall, ToolDefinition } from '@bedrock-chat/core';
import type { CliIo } from '../cli-io.js';
import type { EarlyServers } from './early-start.js';
import type { ApprovalPolicy } from './tool-approval.js';
import type { ToolFlags } from './tool-flags.js';

/** The MCP tools of one command (`ask`, or a whole `chat`), and how their calls are decided and shown. */
export interface TurnTools {
  readonly tools: readonly ToolDefinition[];
  approve(call: ToolCall): Promise<ApprovalDecision>;
  onStep(step: ChatStep): void;
  /** Ends every server process. */
  close(): Promise<void>;
}

export interface StartToolsOptions {
  io: CliIo;
  flags: ToolFlags | undefined;
  dim: (text: string) => string;
  /** Asks the user about a call (the interactive REPL); absent: only allowed tools run. */
  ask?: ApprovalPolicy['ask'] | undefined;
  /** The command's interrupt (Ctrl-C, SIGTERM, SIGHUP): servers still starting are ended at once. */
  signal?: AbortSignal | undefined;
  /** The servers started while argv was parsed (mcp/early-start.ts): taken over here. */
  early?: EarlyServers | undefined;
  /**
   * The servers are spawned only at `start()` (or `ready()`), once the command's own checks
   * passed: for `--continue` / `--conversation`, which the store may still refuse.
   */
  deferred?: boolean | undefined;
}

export interface PendingTools {
  /**
   * Resolves once the MCP config files are read and `--mcp` matched them (the servers go on
   * starting); rejects with a config error, so a bad file fails before anything else is resolved.
   */
  configured(): Promise<void>;
  /** Spawns the servers of a `deferred` start (at once otherwise; calling it again does nothing). */
  start(): void;
  /** The tools once every server started or failed; undefined without `--mcp`. Rethrows a config error. */
  ready(): Promise<TurnTools | undefined>;
  /**
   * Ends every server process; never throws. Call it in `finally`. Before `ready()` was called
   * (the command was refused first: a bad setting, no credentials, no conversation to continue)
   * the servers still starting are ended at once, with no start-up warnings: nothing waits for them.
   */
  close(): Promise<void>;
}

const NONE: PendingTools = {
  configured: async () => {},
  start: () => {},
  ready: async () => undefined,
  close: async () => {},
};

/**
 * Starts the servers `--mcp` names without waiting (taking over those started early), so they
 * start while the CLI loads core and resolves its configuration. Without `--mcp` nothing is loaded: the MCP SDK and
 * `@bedrock-chat/mcp-tools` are imported only here.
 */
export function startTools(options: StartToolsOptions): PendingTools {
  const { flags } = options;
  // The command listens for signals now (it registered before calling us); one that came
  // earlier has ended the early servers, and the command stops as if it came now.
  const interrupted = options.early?.handOver();
  if (flags === undefined || flags.servers.length === 0) return NONE;
  // The command's interrupt, or close() before ready(): either ends the start-up at once.
  const unused = new AbortController();
  const signal =
    options.signal === undefined ? unused.signal : AbortSignal.any([options.signal, unused.signal]);
  let used = false;
  const configuring = import('./turn-tools.js').then(async (module) => {
    if (interrupted !== undefined) throw module.cancelledWhileStarting(interrupted);
    return { module, config: await module.loadTurnConfig(options.io, flags) };
  });
  // Awaited by configured() and ready(); until then a failure must not count as unhandled.
  configuring.catch(() => undefined);
  let opening: Promise<TurnTools> | undefined;
  const open = (): Promise<TurnTools> => {
    if (opening === undefined) {
      opening = configuring.then(({ module, config }) =>
        module.openTurnTools({ ...options, signal, flags, config }),
      );
      opening.catch(() => undefined);
    }
    return opening;
  };
  if (options.deferred !== true) void open();
  return {
    configured: () => configuring.then(() => undefined),
    start: () => void open(),
    ready: () => {
      used = true;
      return open();
    },
    async close() {
      if (!used) unused.abort();
      const tools = await opening?.catch(() => undefined);
      await tools?.close();
    },
  };
}

/**
 * The chat options that give a turn the tools. When every server failed to start there are none
 * (the warnings said so) and core treats the empty list as no tools: the model answers alone.
 */
export function turnToolOptions(
  tools: TurnTools | undefined,
): { tools: readonly ToolDefinition[]; approve: TurnTools['approve']; onStep: TurnTools['onStep'] } | object {
  return tools === undefined ? {} : { tools: tools.tools, approve: tools.approve, onStep: tools.onStep };
}
