import { BedrockChatError } from '@bedrock-chat/core';
import {
  type McpServerConfig,
  openMcpTools,
  readMcpConfigFile,
  redactServerText,
  type ServerStatus,
  serverSecrets,
  writeMcpConfigFile,
} from '@bedrock-chat/mcp-tools';
import type { CommandContext } from '../cli-deps.js';
import { EXIT_CODES } from '../exit-codes.js';
import { mcpListPath } from '../mcp/mcp-list-path.js';
import { cancelledWhileStarting, loadMcpConfig, startTimeoutFromEnv } from '../mcp/turn-tools.js';
import { invalidInput } from '../option-values.js';
import { terminalSafeLine } from '../render/terminal-safe.js';
import { VERSION } from '../version.js';

export interface McpAddOptions {
  transport: 'stdio' | 'http';
  /** `KEY=value`, for a stdio server. */
  env: string[];
  /** `Name: value`, for an http server. */
  header: string[];
}

// Names become the `<server>__` of wire names and the `server:` of --allow-tool: keep them plain.
const SERVER_NAME = /^[a-zA-Z0-9_-]{1,40}$/;

function parsePairs(values: readonly string[], separator: '=' | ':', flag: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(separator);
    const key = at > 0 ? value.slice(0, at).trim() : '';
    if (key === '') {
      const example = separator === '=' ? 'KEY=value' : `'Authorization: Bearer \${TOKEN}'`;
      throw invalidInput(`${flag} takes ${example} (got "${terminalSafeLine(value)}").`);
    }
    pairs[key] = value.slice(at + 1).trim();
  }
  return pairs;
}

/** The entry `mcp add` writes, as Claude Code writes it to `.mcp.json`. */
export function serverEntry(
  target: string,
  args: readonly string[],
  options: McpAddOptions,
): McpServerConfig {
  if (options.transport === 'http') {
    if (args.length > 0) throw invalidInput('An http server takes a URL only, no arguments.');
    if (options.env.length > 0)
      throw invalidInput('--env is for stdio servers; an http server takes --header.');
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw invalidInput(`"${terminalSafeLine(target)}" is not a URL.`, 'e.g. http://127.0.0.1:8765/mcp');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw invalidInput('The URL must be http or https.');
    const headers = parsePairs(options.header, ':', '--header');
    return { type: 'http', url: target, ...(Object.keys(headers).length > 0 ? { headers } : {}) };
  }
  if (options.header.length > 0)
    throw invalidInput('--header is for http servers; a stdio server takes --env.');
  const env = parsePairs(options.env, '=', '--env');
  return {
    type: 'stdio',
    command: target,
    args: [...args],
    ...(Object.keys(env).length > 0 ? { env } : {}),
  };
}

/** `bedrock-chat mcp add [--transport http] [-e KEY=value] [-H 'Name: value'] <name> <command|url> [args…]`. */
export async function runMcpAdd(
  context: CommandContext,
  name: string,
  target: string,
  args: string[],
  options: McpAddOptions,
): Promise<number> {
  if (!SERVER_NAME.test(name)) {
    throw invalidInput(
      `"${terminalSafeLine(name)}" cannot name a server: use up to 40 letters, digits, _ or -.`,
      'The name prefixes its tools (fs → fs:read_file, fs__read_file on the wire).',
    );
  }
  if (name === 'all') {
    // `--mcp all` enables every server: a server named "all" could never be enabled alone.
    throw invalidInput(
      '"all" cannot name a server: --mcp all means every configured server.',
      'Pick another name, e.g. all-tools.',
    );
  }
  const entry = serverEntry(target, args, options);
  const path = mcpListPath(context.io.env);
  const list = await readMcpConfigFile(path, { missingOk: true });
  if (list.servers[name] !== undefined) {
    throw invalidInput(
      `An MCP server named "${name}" is already configured.`,
      `Remove it first: bedrock-chat mcp remove ${name}`,
    );
  }
  await writeMcpConfigFile(path, { ...list, servers: { ...list.servers, [name]: entry } });
  context.io.stdout.write(`Added MCP server "${name}" (${entry.type}) to ${path}\n`);
  context.io.stderr.write(`Use it with: bedrock-chat --mcp ${name} --allow-tool '${name}:*' "…"\n`);
  return EXIT_CODES.success;
}

export async function runMcpRemove(context: CommandContext, name: string): Promise<number> {
  const path = mcpListPath(context.io.env);
  const list = await readMcpConfigFile(path, { missingOk: true });
  if (list.servers[name] === undefined) {
    const known = Object.keys(list.servers);
    throw new BedrockChatError({
      code: 'MCP_SERVER_NOT_FOUND',
      message: `No MCP server named "${terminalSafeLine(name)}" is in ${path}.`,
      hint:
        known.length > 0
          ? `Configured: ${known.join(', ')}.`
          : 'The list is empty: see bedrock-chat mcp add --help.',
    });
  }
  const { [name]: _removed, ...servers } = list.servers;
  await writeMcpConfigFile(path, { ...list, servers });
  context.io.stdout.write(`Removed MCP server "${name}" from ${path}\n`);
  return EXIT_CODES.success;
}

/** How a server is started or reached, without secrets: env and header values are never shown. */
export function describeServer(config: McpServerConfig): string {
  if (config.type === 'http') {
    const headers = Object.keys(config.headers ?? {});
    return `http ${config.url}${headers.length > 0 ? ` (headers: ${headers.join(', ')})` : ''}`;
  }
  const env = Object.keys(config.env ?? {});
  const command = [config.command, ...(config.args ?? [])].join(' ');
  return `stdio ${command}${env.length > 0 ? ` (env: ${env.join(', ')})` : ''}`;
}

export interface McpListJson {
  servers: {
    name: string;
    transport: 'stdio' | 'http';
    status: 'connected' | 'failed';
    error: string | null;
    tools: { name: string; description: string | null }[];
  }[];
}

function statusLine(status: ServerStatus): string {
  if (status.status === 'failed') return `failed: ${terminalSafeLine(status.error)}`;
  return `connected · ${status.tools.length} tool${status.tools.length === 1 ? '' : 's'}`;
}

/**
 * `bedrock-chat mcp list`: every configured server (the CLI's list and any --mcp-config files),
 * started at once to show its status and tools; a server that fails is listed as failed.
 */
export async function runMcpList(
  context: CommandContext,
  options: { json: boolean; configFiles: string[] },
): Promise<number> {
  const { io } = context;
  const config = await loadMcpConfig(io, options.configFiles);
  const names = Object.keys(config.servers);
  if (names.length === 0) {
    if (options.json) io.stdout.write(`${JSON.stringify({ servers: [] } satisfies McpListJson)}\n`);
    else
      io.stderr.write(
        `No MCP servers configured (${mcpListPath(io.env)}). Add one: bedrock-chat mcp add <name> -- <command> [args…]\n`,
      );
    return EXIT_CODES.success;
  }
  const startupTimeoutMs = startTimeoutFromEnv(io.env);
  const controller = new AbortController();
  // Ctrl-C, SIGTERM or SIGHUP while the servers start ends them at once.
  const stopListening = context.deps.onInterrupt(() => {
    stopListening();
    controller.abort();
  });
  const set = await openMcpTools({
    servers: config.servers,
    env: io.env,
    startupTimeoutMs,
    clientInfo: { name: 'bedrock-chat', version: VERSION },
    signal: controller.signal,
  })
    .catch((error: unknown) => {
      if (!controller.signal.aborted) throw error;
      throw cancelledWhileStarting(error);
    })
    .finally(stopListening);
  try {
    if (options.json) {
      const json: McpListJson = {
        servers: set.servers.map((status) => {
          const server = config.servers[status.name] as McpServerConfig;
          return {
            name: status.name,
            transport: server.type === 'http' ? 'http' : 'stdio',
            status: status.status,
            error: status.status === 'failed' ? status.error : null,
            tools:
              status.status === 'connected'
                ? status.tools.map((tool) => ({ name: tool.name, description: tool.description ?? null }))
                : [],
          };
        }),
      };
      io.stdout.write(`${JSON.stringify(json)}\n`);
      return EXIT_CODES.success;
    }
    for (const status of set.servers) {
      const server = config.servers[status.name] as McpServerConfig;
      io.stdout.write(
        `${status.name}: ${terminalSafeLine(redactServerText(describeServer(server), serverSecrets(server, io.env)))}\n  ${statusLine(status)}\n`,
      );
      if (status.status === 'connected' && status.tools.length > 0) {
        io.stdout.write(
          `  ${terminalSafeLine(status.tools.map((tool) => `${status.name}:${tool.name}`).join(', '))}\n`,
        );
      }
    }
    if (config.allowedTools.length > 0)
      io.stdout.write(`allowed without asking: ${config.allowedTools.join(', ')}\n`);
    return EXIT_CODES.success;
  } finally {
    await set.close();
  }
}
