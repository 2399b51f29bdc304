import type { ToolCallContext, ToolDefinition } from '@bedrock-chat/core';
import type { Environment } from './expand-env.js';
import type { PrestartedServers } from './prestart-servers.js';
import { expandServerConfig, type McpServerConfig } from './server-config.js';
import { connectServer, type McpToolInfo, type ServerConnection } from './server-connection.js';
import { redactServerText, serverSecrets } from './server-secrets.js';
import { stderrSummary } from './stderr-summary.js';
import { displayToolName, hashedToolName, wireToolName } from './tool-names.js';
import { errorText, type McpCallResult, toolResultContent } from './tool-result-content.js';

/** How long a server may take to start and list its tools; Claude Code's MCP_TIMEOUT plays this role. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 15_000;

/** A core tool that calls one MCP server tool. */
export interface McpTool extends ToolDefinition {
  readonly server: string;
  /** The tool's name on its server. */
  readonly tool: string;
  /** `server:tool`, for people. */
  readonly displayName: string;
}

export type ServerStatus =
  | {
      readonly name: string;
      readonly status: 'connected';
      readonly tools: readonly McpToolInfo[];
      readonly durationMs: number;
      /** The child's process id (stdio servers). */
      readonly pid?: number | undefined;
    }
  | { readonly name: string; readonly status: 'failed'; readonly error: string; readonly durationMs: number };

export interface McpToolSet {
  /** Every tool of every connected server, ready for `tools:` of a chat call. */
  readonly tools: readonly McpTool[];
  /** One entry per server asked for, in the order given. */
  readonly servers: readonly ServerStatus[];
  /** One line per server that failed or timed out: its tools are absent. */
  readonly warnings: readonly string[];
  /** Closes every connection and ends every child process; safe to call twice. */
  close(): Promise<void>;
}

export interface OpenMcpToolsOptions {
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  /** For `${VAR}` expansion. */
  readonly env: Environment;
  readonly clientInfo: { readonly name: string; readonly version: string };
  readonly startupTimeoutMs?: number | undefined;
  readonly baseEnv?: Readonly<Record<string, string>> | undefined;
  readonly now?: (() => number) | undefined;
  /**
   * Cancels the start-up (the user's Ctrl-C): every server still starting is ended at once and
   * `openMcpTools` rejects with `signal.reason`, leaving no child behind.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Stdio servers started early (`@bedrock-chat/mcp-tools/prestart`): each one started exactly
   * as its config says is taken over instead of spawning another. The caller still discards the
   * rest.
   */
  readonly prestarted?: PrestartedServers | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function connectWithin(
  name: string,
  config: McpServerConfig,
  options: OpenMcpToolsOptions,
): Promise<ServerConnection> {
  const expanded = expandServerConfig(name, config, options.env);
  const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let cancelled: (() => void) | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`it did not start within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    cancelled = () => {
      controller.abort(options.signal?.reason);
      reject(options.signal?.reason);
    };
  });
  const outer = options.signal;
  if (outer?.aborted) cancelled?.();
  else outer?.addEventListener('abort', () => cancelled?.(), { once: true });
  const connecting = connectServer({
    name,
    config: expanded,
    clientInfo: options.clientInfo,
    baseEnv: options.baseEnv,
    signal: controller.signal,
    prestarted: options.prestarted,
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } catch (error) {
    // connectServer closes its transport when its signal fires; wait so no child outlives us.
    await connecting.then((connection) => connection.close()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    cancelled = undefined;
  }
}

/** The tool's JSON Schema as Bedrock takes it: an object schema, without the `$schema` dialect. */
function inputSchemaOf(tool: McpToolInfo): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = tool.inputSchema;
  return { ...schema, type: 'object' };
}

function toolFor(
  connection: ServerConnection,
  info: McpToolInfo,
  wireName: string,
  secrets: readonly string[],
): McpTool {
  return {
    name: wireName,
    description: info.description,
    inputSchema: inputSchemaOf(info),
    server: connection.name,
    tool: info.name,
    displayName: displayToolName(connection.name, info.name),
    async execute(input: unknown, context: ToolCallContext) {
      // Shown on stderr and sent to the model: the server's secrets stay out of both.
      const redacted = (error: Error) => {
        error.message = redactServerText(error.message, secrets);
        return error;
      };
      if (connection.closed()) throw redacted(serverGone(connection));
      let result: McpCallResult;
      try {
        result = (await connection.client.callTool(
          { name: info.name, arguments: (input ?? {}) as Record<string, unknown> },
          undefined,
          // core's deadline (60 s by default) fires the signal; the SDK's own is the same 60 s.
          { signal: context.signal },
        )) as McpCallResult;
      } catch (error) {
        if (connection.closed()) throw redacted(serverGone(connection));
        throw error instanceof Error ? redacted(error) : error;
      }
      if (result.isError) throw redacted(new Error(errorText(result)));
      return toolResultContent(result);
    },
  };
}

function serverGone(connection: ServerConnection): Error {
  const tail = stderrSummary(connection.stderrTail());
  return new Error(
    `the MCP server "${connection.name}" is no longer running${tail ? ` (stderr: ${tail})` : ''}.`,
  );
}

/** Wire names for every tool; a pair that would share a name with another gets the hashed form. */
function assignNames(
  connections: readonly ServerConnection[],
  secretsOf: (server: string) => readonly string[],
): McpTool[] {
  const tools: McpTool[] = [];
  const used = new Set<string>();
  for (const connection of connections) {
    for (const info of connection.tools) {
      let wireName = wireToolName(connection.name, info.name);
      if (used.has(wireName)) wireName = hashedToolName(connection.name, info.name);
      used.add(wireName);
      tools.push(toolFor(connection, info, wireName, secretsOf(connection.name)));
    }
  }
  return tools;
}

/**
 * Starts every server at once, each with its own start-up deadline. A server that fails, times
 * out or has a config that cannot be expanded is a warning and its tools are absent; the others
 * are used. The caller must `close()` the set (also when the turn fails or is cancelled).
 */
export async function openMcpTools(options: OpenMcpToolsOptions): Promise<McpToolSet> {
  const now = options.now ?? (() => performance.now());
  const entries = Object.entries(options.servers);
  const secrets = new Map(entries.map(([name, config]) => [name, serverSecrets(config, options.env)]));
  const secretsOf = (name: string) => secrets.get(name) ?? [];
  type Settled =
    | { name: string; connection: ServerConnection; durationMs: number }
    | { name: string; error: string; durationMs: number };
  const settled = await Promise.all(
    entries.map(async ([name, config]): Promise<Settled> => {
      const started = now();
      try {
        const connection = await connectWithin(name, config, options);
        return { name, connection, durationMs: Math.round(now() - started) };
      } catch (error) {
        return {
          name,
          error: redactServerText(messageOf(error), secretsOf(name)),
          durationMs: Math.round(now() - started),
        };
      }
    }),
  );
  const connections = settled.flatMap((entry) => ('connection' in entry ? [entry.connection] : []));
  if (options.signal?.aborted) {
    // A server that made it before the cancel is ended too: the caller gets no set to close.
    await Promise.all(connections.map((connection) => connection.close()));
    throw options.signal.reason;
  }
  const servers: ServerStatus[] = settled.map((entry) =>
    'connection' in entry
      ? {
          name: entry.name,
          status: 'connected',
          tools: entry.connection.tools,
          durationMs: entry.durationMs,
          pid: entry.connection.pid,
        }
      : { name: entry.name, status: 'failed', error: entry.error, durationMs: entry.durationMs },
  );
  const warnings = servers.flatMap((server) =>
    server.status === 'failed'
      ? [`MCP server "${server.name}" is not available, its tools are left out: ${server.error}`]
      : [],
  );
  let closing: Promise<void> | undefined;
  return {
    tools: assignNames(connections, secretsOf),
    servers,
    warnings,
    close() {
      closing ??= Promise.all(connections.map((connection) => connection.close())).then(() => undefined);
      return closing;
    },
  };
}
