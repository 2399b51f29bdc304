import { BedrockChatError } from '@bedrock-chat/core';
import { z } from 'zod';
import { type Environment, expandEach, expandEnv, expandRecord } from './expand-env.js';

const StringRecord = z.record(z.string(), z.string());

/**
 * A server started as a child process, spoken to over stdin/stdout: Claude Desktop's entry
 * (`command`, `args`, `env`) and Claude Code's `type: "stdio"`.
 */
export const StdioServerConfigSchema = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'command must not be empty'),
  args: z.array(z.string()).optional(),
  env: StringRecord.optional(),
  cwd: z.string().min(1).optional(),
});

/** A Streamable HTTP server (Claude Code's `type: "http"`, `url`, `headers`). */
export const HttpServerConfigSchema = z.object({
  type: z.literal('http'),
  url: z.string().min(1, 'url must not be empty'),
  headers: StringRecord.optional(),
});

export const McpServerConfigSchema = z.union([HttpServerConfigSchema, StdioServerConfigSchema]);
export type StdioServerConfig = z.infer<typeof StdioServerConfigSchema>;
export type HttpServerConfig = z.infer<typeof HttpServerConfigSchema>;
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;

/**
 * A file with `mcpServers` (Claude Desktop's `claude_desktop_config.json`, Claude Code's
 * `.mcp.json`, or the CLI's own list) and, ours, `allowedTools` (`server:tool`, `server:*`).
 * Other top-level keys (a Claude Desktop file has many) are ignored.
 */
export const McpConfigFileSchema = z.object({
  mcpServers: z.record(z.string().min(1), z.unknown()).default({}),
  allowedTools: z.array(z.string().min(1)).optional(),
});

export interface McpConfig {
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  readonly allowedTools: readonly string[];
}

function invalid(message: string, source: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'MCP_CONFIG_INVALID',
    message: `${source}: ${message}`,
    hint: 'Servers are written as in Claude Desktop or Claude Code: {"mcpServers": {"name": {"command": "node", "args": ["server.js"]}}} or {"type": "http", "url": "http://127.0.0.1:3000/mcp"}.',
    cause,
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(entry)'}: ${issue.message}`)
    .join('; ');
}

function parseEntry(name: string, entry: unknown, source: string): McpServerConfig {
  const type = typeof entry === 'object' && entry !== null ? (entry as { type?: unknown }).type : undefined;
  if (type === 'sse') {
    throw invalid(
      `server "${name}" uses the SSE transport, which is deprecated and not supported; use "type": "http" (Streamable HTTP).`,
      source,
    );
  }
  if (type !== undefined && type !== 'stdio' && type !== 'http') {
    throw invalid(`server "${name}" has type ${JSON.stringify(type)}; expected "stdio" or "http".`, source);
  }
  const schema = type === 'http' ? HttpServerConfigSchema : StdioServerConfigSchema;
  const parsed = schema.safeParse(entry);
  if (!parsed.success)
    throw invalid(`server "${name}": ${describeIssues(parsed.error)}`, source, parsed.error);
  return parsed.data;
}

/** Checks a parsed JSON document (`source` names it in errors); nothing is expanded yet. */
export function parseMcpConfig(json: unknown, source: string): McpConfig {
  const file = McpConfigFileSchema.safeParse(json);
  if (!file.success) throw invalid(describeIssues(file.error), source, file.error);
  const servers: Record<string, McpServerConfig> = {};
  for (const [name, entry] of Object.entries(file.data.mcpServers)) {
    servers[name] = parseEntry(name, entry, source);
  }
  return { servers, allowedTools: file.data.allowedTools ?? [] };
}

/** Parses the text of a config file. */
export function parseMcpConfigText(text: string, source: string): McpConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      source,
      error,
    );
  }
  return parseMcpConfig(json, source);
}

/**
 * The entry with `${VAR}` / `${VAR:-default}` expanded where Claude Code expands them: command,
 * args, env, url and headers. Done just before connecting, so a listing never needs the values.
 */
export function expandServerConfig(name: string, config: McpServerConfig, env: Environment): McpServerConfig {
  const where = `server "${name}"`;
  if (config.type === 'http') {
    return {
      ...config,
      url: expandEnv(config.url, env, `${where} url`),
      ...(config.headers ? { headers: expandRecord(config.headers, env, `${where} header`) } : {}),
    };
  }
  return {
    ...config,
    command: expandEnv(config.command, env, `${where} command`),
    ...(config.args ? { args: expandEach(config.args, env, `${where} args`) } : {}),
    ...(config.env ? { env: expandRecord(config.env, env, `${where} env`) } : {}),
  };
}

/** Every string of a server's config that `${VAR}` expansion applies to. */
export function expandableStrings(config: McpServerConfig): string[] {
  if (config.type === 'http') return [config.url, ...Object.values(config.headers ?? {})];
  return [config.command, ...(config.args ?? []), ...Object.values(config.env ?? {})];
}
