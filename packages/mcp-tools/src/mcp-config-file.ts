import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BedrockChatError, writeFileAtomically } from '@bedrock-chat/core';
import { type McpConfig, type McpServerConfig, parseMcpConfigText } from './server-config.js';

const EMPTY: McpConfig = { servers: {}, allowedTools: [] };

/** Reads a config file; a missing file is an empty config when `missingOk` (the CLI's own list). */
export async function readMcpConfigFile(
  path: string,
  options: { missingOk?: boolean } = {},
): Promise<McpConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.missingOk) return EMPTY;
    throw new BedrockChatError({
      code: 'MCP_CONFIG_INVALID',
      message:
        code === 'ENOENT'
          ? `MCP config file not found: ${path}`
          : `Cannot read the MCP config file ${path} (${code ?? 'error'}).`,
      cause: error,
    });
  }
  return parseMcpConfigText(text, path);
}

/**
 * Writes the CLI's own list as Claude Code's `.mcp.json` shape (so it can be copied over), mode
 * 0600 because a server's `env` and `headers` may hold secrets; replaced atomically.
 */
export async function writeMcpConfigFile(path: string, config: McpConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const body: { mcpServers: Record<string, McpServerConfig>; allowedTools?: string[] } = {
    mcpServers: { ...config.servers },
    ...(config.allowedTools.length > 0 ? { allowedTools: [...config.allowedTools] } : {}),
  };
  try {
    writeFileAtomically(path, `${JSON.stringify(body, null, 2)}\n`);
  } catch (error) {
    throw new BedrockChatError({
      code: 'MCP_CONFIG_INVALID',
      message: `Cannot write the MCP server list ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      hint: 'Check that the config directory is writable (BEDROCK_CHAT_HOME).',
      cause: error,
    });
  }
}

/** The server an allowlist entry names (`server:tool`, `server:*`, `server__tool`), or `*` for every server. */
function entryServer(entry: string, servers: readonly string[]): string | undefined {
  const trimmed = entry.trim();
  if (trimmed === '*') return '*';
  const colon = trimmed.indexOf(':');
  if (colon >= 0) return trimmed.slice(0, colon);
  return servers.find((server) => trimmed.startsWith(`${server}__`));
}

/**
 * Later configs win for a server of the same name. Each config's `allowedTools` covers only the
 * servers that config itself defines (and still defines after the merge): a `--mcp-config` file
 * cannot approve the tools of a server from the CLI's own list or another file, and its `*` means
 * "every server of this file".
 */
export function mergeMcpConfigs(configs: readonly McpConfig[]): McpConfig {
  const servers: Record<string, McpServerConfig> = Object.assign(
    {},
    ...configs.map((config) => config.servers),
  );
  const allowedTools: string[] = [];
  for (const config of configs) {
    const own = Object.keys(config.servers).filter((name) => servers[name] === config.servers[name]);
    for (const entry of config.allowedTools) {
      const server = entryServer(entry, Object.keys(config.servers));
      if (server === '*') allowedTools.push(...own.map((name) => `${name}:*`));
      else if (server !== undefined && own.includes(server)) allowedTools.push(entry.trim());
    }
  }
  return { servers, allowedTools };
}

/**
 * The servers `--mcp` names (`all`: every one configured), in the order given. An unknown name
 * is an error listing the configured ones: asking for a server and silently not getting it would
 * leave the model without tools the user expects.
 */
export function selectServers(config: McpConfig, names: readonly string[]): Record<string, McpServerConfig> {
  if (names.includes('all')) return { ...config.servers };
  const selected: Record<string, McpServerConfig> = {};
  for (const name of names) {
    const server = config.servers[name];
    if (server === undefined) {
      const known = Object.keys(config.servers);
      throw new BedrockChatError({
        code: 'MCP_SERVER_NOT_FOUND',
        message: `No MCP server named "${name}" is configured.`,
        hint:
          known.length > 0
            ? `Configured: ${known.join(', ')}. Add one with \`bedrock-chat mcp add\` or pass --mcp-config <file>.`
            : 'Add one with `bedrock-chat mcp add <name> -- <command> [args…]` or pass --mcp-config <file>.',
      });
    }
    selected[name] = server;
  }
  return selected;
}
