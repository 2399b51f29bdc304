import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { defaultEnvironment } from './default-environment.js';
import type { PrestartedServers } from './prestart-servers.js';
import { ProcessGroupTransport } from './process-group-transport.js';
import type { McpServerConfig } from './server-config.js';
import { stderrSummary } from './stderr-summary.js';

/** A tool as the server lists it (`tools/list`). */
export interface McpToolInfo {
  readonly name: string;
  readonly description?: string | undefined;
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

/** One connected server. */
export interface ServerConnection {
  readonly name: string;
  readonly client: Client;
  readonly tools: readonly McpToolInfo[];
  /** The child's process id (stdio). */
  readonly pid?: number | undefined;
  /** True once the transport closed (the server exited or dropped the connection). */
  closed(): boolean;
  /** The last lines the server wrote to stderr (stdio only), for a message about its failure. */
  stderrTail(): string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly name: string;
  /** Already expanded (`expandServerConfig`). */
  readonly config: McpServerConfig;
  readonly clientInfo: { readonly name: string; readonly version: string };
  /** What a stdio server inherits besides its `env` (default: the SDK's safe list, PATH, HOME …). */
  readonly baseEnv?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Servers already started (the CLI's early start): one started exactly as this one would be is taken over. */
  readonly prestarted?: PrestartedServers | undefined;
}

const STDERR_TAIL_CHARS = 2_000;

function transportFor(options: ConnectOptions, onStderr: (chunk: string) => void): Transport {
  const { config } = options;
  if (config.type === 'http') {
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: config.headers ? { headers: config.headers } : {},
    });
  }
  // Like Claude Desktop: the child gets a short safe list of variables plus its own `env`, never
  // the whole environment (AWS credentials stay with us).
  const env = { ...(options.baseEnv ?? defaultEnvironment()), ...config.env };
  if (process.platform !== 'win32') {
    const spec = { command: config.command, args: config.args ?? [], env, cwd: config.cwd };
    // Piped, not inherited: a server's banner would clutter our stderr; its tail explains a crash.
    const transport = new ProcessGroupTransport({
      ...spec,
      spawned: options.prestarted?.take(options.name, spec),
    });
    transport.onStderr(onStderr);
    return transport;
  }
  // Windows has no process groups: the SDK's transport (cross-spawn resolves `npx.cmd` shims) ends
  // only the direct child there.
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    env,
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer | string) => onStderr(chunk.toString()));
  return transport;
}

async function listAllTools(client: Client, signal: AbortSignal | undefined): Promise<McpToolInfo[]> {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tools;
}

function pidOf(transport: Transport): number | undefined {
  if (transport instanceof ProcessGroupTransport) return transport.pid;
  if (transport instanceof StdioClientTransport) return transport.pid ?? undefined;
  return undefined;
}

/** Ends a stdio server at once (its whole process group on POSIX). */
async function killChild(transport: Transport): Promise<void> {
  if (transport instanceof ProcessGroupTransport) return transport.terminate();
  const pid = pidOf(transport);
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/**
 * Starts (stdio) or reaches (HTTP) one server, does the handshake and lists its tools. On any
 * failure, or when `signal` fires, the transport is closed (a child is ended) before rejecting.
 */
export async function connectServer(options: ConnectOptions): Promise<ServerConnection> {
  let stderr = '';
  let closed = false;
  const transport = transportFor(options, (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const client = new Client({ name: options.clientInfo.name, version: options.clientInfo.version });
  client.onclose = () => {
    closed = true;
  };
  // A stray protocol error (a bad line from the server) must not crash the CLI; calls still fail.
  client.onerror = () => {};
  const close = async () => {
    closed = true;
    await client.close().catch(() => undefined);
  };
  try {
    await client.connect(transport, { signal: options.signal });
    const tools = await listAllTools(client, options.signal);
    return {
      name: options.name,
      client,
      tools,
      pid: pidOf(transport),
      closed: () => closed,
      stderrTail: () => stderr.trim(),
      close,
    };
  } catch (error) {
    // Cancelled or timed out while starting: the child has done nothing worth a graceful end, and
    // one that does not read its stdin would hold the caller for the SDK's 2 s grace period.
    if (options.signal?.aborted) await killChild(transport);
    await close();
    const tail = stderrSummary(stderr);
    if (tail !== '' && error instanceof Error) error.message = `${error.message} (stderr: ${tail})`;
    throw error;
  }
}
