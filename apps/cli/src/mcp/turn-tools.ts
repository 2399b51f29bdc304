import { isAbsolute, resolve } from 'node:path';
import { BedrockChatError } from '@bedrock-chat/core';
import {
  allowlistCovers,
  type McpConfig,
  type McpServerConfig,
  type McpTool,
  mergeMcpConfigs,
  openMcpTools,
  readMcpConfigFile,
  selectServers,
} from '@bedrock-chat/mcp-tools';
import type { CliIo } from '../cli-io.js';
import { terminalSafeLine } from '../render/terminal-safe.js';
import { VERSION } from '../version.js';
import { mcpListPath } from './mcp-list-path.js';
import type { StartToolsOptions, TurnTools } from './start-tools.js';
import { ToolActivity } from './tool-activity.js';
import { createApprover } from './tool-approval.js';
import { parseStartTimeout, type ToolFlags } from './tool-flags.js';

export type OpenTurnToolsOptions = StartToolsOptions & { flags: ToolFlags; config: TurnConfig };

/** The merged MCP config and the servers `--mcp` picked from it. */
export interface TurnConfig {
  readonly config: McpConfig;
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  /** `--mcp-start-timeout`, else BEDROCK_CHAT_MCP_START_TIMEOUT_MS; absent: mcp-tools' 15 s. */
  readonly startupTimeoutMs?: number | undefined;
}

/** The CLI's own list, then each `--mcp-config` file (a later file wins for a name). */
export async function loadMcpConfig(io: CliIo, configFiles: readonly string[]): Promise<McpConfig> {
  const configs = [await readMcpConfigFile(mcpListPath(io.env), { missingOk: true })];
  for (const file of configFiles) {
    configs.push(await readMcpConfigFile(isAbsolute(file) ? file : resolve(io.cwd, file)));
  }
  return mergeMcpConfigs(configs);
}

/**
 * The start-up deadline BEDROCK_CHAT_MCP_START_TIMEOUT_MS sets (like Claude Code's MCP_TIMEOUT):
 * an environment variable rather than a config key, because the servers start before the config
 * file is read (while core loads). A bad value fails the command, exit 2.
 */
export function startTimeoutFromEnv(env: CliIo['env']): number | undefined {
  const raw = env[START_TIMEOUT_VARIABLE];
  return raw === undefined || raw === '' ? undefined : parseStartTimeout(raw, START_TIMEOUT_VARIABLE);
}

const START_TIMEOUT_VARIABLE = 'BEDROCK_CHAT_MCP_START_TIMEOUT_MS';

/** Reads the config files and matches `--mcp` (an unknown name fails here, exit 2). */
export async function loadTurnConfig(io: CliIo, flags: ToolFlags): Promise<TurnConfig> {
  const startupTimeoutMs = flags.startTimeoutMs ?? startTimeoutFromEnv(io.env);
  const config = await loadMcpConfig(io, flags.configFiles);
  return { config, servers: selectServers(config, flags.servers), startupTimeoutMs };
}

/**
 * Connects the servers `--mcp` names (all at once), prints a warning for each that failed, and
 * builds the approval hook from `--allow-tool`, the config's `allowedTools`, `--yes` and, in the
 * REPL, the user's answers.
 */
export async function openTurnTools(options: OpenTurnToolsOptions): Promise<TurnTools> {
  const { io, flags } = options;
  const { config, servers } = options.config;
  const set = await openMcpTools({
    servers,
    env: io.env,
    clientInfo: { name: 'bedrock-chat', version: VERSION },
    signal: options.signal,
    startupTimeoutMs: options.config.startupTimeoutMs,
    prestarted: options.early?.servers,
  }).catch((error: unknown) => {
    if (options.signal?.aborted) throw cancelledWhileStarting(error);
    throw error;
  });
  // A server's stderr tail is in its warning: it must not drive the terminal.
  for (const warning of set.warnings) io.stderr.write(`warning: ${terminalSafeLine(warning)}\n`);
  if (Object.keys(servers).length === 0) {
    // `--mcp all` with nothing configured (verifier s6 #10: it ran without tools and said nothing).
    io.stderr.write(
      'warning: --mcp all: no MCP servers are configured (bedrock-chat mcp add, or --mcp-config <file>): the model answers without tools.\n',
    );
  } else if (set.tools.length === 0) {
    io.stderr.write('warning: no MCP tools are available: the model answers without tools.\n');
  }
  const allowsAll = flags.allowTools.some((pattern) => pattern.trim() === '*');
  // Only servers that connected have tools that can run: one that failed has its own warning
  // above, and naming it here would tell the user its tools run when they do not exist.
  const connected = set.servers.filter((server) => server.status === 'connected').map(({ name }) => name);
  if ((flags.yes || allowsAll) && connected.length > 0) {
    io.stderr.write(
      `warning: ${flags.yes ? '--yes' : "--allow-tool '*'"}: every call of the tools of ${connected.join(', ')} runs without asking, including tools that write, delete or send.\n`,
    );
  }
  const byName = new Map<string, McpTool>(set.tools.map((tool) => [tool.name, tool]));
  const allowlist = [...flags.allowTools, ...config.allowedTools];
  for (const pattern of flags.allowTools) {
    const matches = set.tools.some((tool) =>
      allowlistCovers(pattern, { server: tool.server, tool: tool.tool, wireName: tool.name }),
    );
    if (!matches && set.tools.length > 0) {
      io.stderr.write(
        `warning: --allow-tool ${pattern} matches no tool of the enabled servers (write server:tool or server:*).\n`,
      );
    }
  }
  const label = (wireName: string) => byName.get(wireName)?.displayName ?? wireName;
  const activity = new ToolActivity(io.stderr, label, options.dim);
  const approver = createApprover({
    all: flags.yes,
    covers: (wireName) => {
      const tool = byName.get(wireName);
      if (tool === undefined) return false;
      const named = { server: tool.server, tool: tool.tool, wireName };
      return allowlist.some((pattern) => allowlistCovers(pattern, named));
    },
    ask: options.ask,
    label,
  });
  return {
    tools: set.tools,
    async approve(call) {
      activity.call(call);
      return approver.approve(call);
    },
    onStep: (step) => activity.step(step),
    close: () => set.close(),
  };
}

/** A start-up cancelled by the user's interrupt: core's ABORTED, so the exit code is 130 (or 143, 129). */
export function cancelledWhileStarting(cause: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'ABORTED',
    message: 'Cancelled while the MCP servers were starting; they were ended.',
    hint: 'Nothing was sent or saved.',
    cause,
  });
}
