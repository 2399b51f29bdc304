import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DEFAULT_TIMEOUT_MS } from '../config/server-config.js';
import type { Logger } from '../server-deps.js';
import { StdioLineTransport } from './stdio-transport.js';

/**
 * In stdio mode stdout belongs to JSON-RPC: a stray `console.log` in any dependency would corrupt
 * the stream, so the console methods that write to stdout are sent to stderr instead.
 */
export function routeConsoleToStderr(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/** Time beyond the chat deadline for the deadline's own error reply to be written. */
const DRAIN_GRACE_MS = 5_000;

export interface ServeStdioOptions {
  /** Closes at once, calls in flight or not (SIGINT, SIGTERM). */
  stop?: AbortSignal | undefined;
  /** The chat deadline (default {@link DEFAULT_TIMEOUT_MS}): after stdin ends, calls in flight get that long, and a little more for the deadline's own reply. */
  callDeadlineMs?: number | undefined;
  transport?: StdioLineTransport | undefined;
  log?: Logger | undefined;
}

/**
 * Serves one MCP session over stdin/stdout. When the client closes stdin (a client may send a
 * call and close at once), the calls already read still finish and their replies are written
 * before the server closes; `stop` closes at once. Resolves once the server is closed.
 */
export async function serveStdio(server: McpServer, options: ServeStdioOptions = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const drainTimeoutMs = (options.callDeadlineMs ?? DEFAULT_TIMEOUT_MS) + DRAIN_GRACE_MS;
  const transport = options.transport ?? new StdioLineTransport({ log });
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  const close = () => {
    void server.close();
  };
  options.stop?.addEventListener('abort', close, { once: true });
  await server.connect(transport);
  void transport.inputEnded.then(async () => {
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      transport.whenIdle().then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), drainTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      log(
        `stdin closed; ${transport.unanswered} call(s) still running after ${drainTimeoutMs} ms are abandoned.`,
      );
    }
    close();
  });
  await closed;
  options.stop?.removeEventListener('abort', close);
}
