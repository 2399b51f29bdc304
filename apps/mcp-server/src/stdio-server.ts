import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

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

/**
 * Serves one MCP session over stdin/stdout until the client closes stdin (the SDK transport does
 * not watch for that itself) or `stop` fires. Resolves once the server is closed.
 */
export async function serveStdio(server: McpServer, stop?: AbortSignal): Promise<void> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  const close = () => {
    void server.close();
  };
  process.stdin.once('end', close);
  stop?.addEventListener('abort', close, { once: true });
  await server.connect(transport);
  await closed;
  process.stdin.off('end', close);
  stop?.removeEventListener('abort', close);
}
