import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CancelledNotificationSchema,
  isJSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';
import type { Caller } from './request-guards.js';
import { sendError } from './send-error.js';
import type { McpRequestHandler } from './stateful-sessions.js';

interface InFlight {
  readonly server: McpServer;
  readonly transport: StreamableHTTPServerTransport;
}

const messagesOf = (body: unknown): unknown[] => (Array.isArray(body) ? body : [body]);

/** What a `notifications/cancelled` body says, if that is what it is and it names a request. */
function asCancellation(body: unknown): { requestId: RequestId; reason: string | undefined } | undefined {
  const parsed = CancelledNotificationSchema.safeParse(body);
  const requestId = parsed.data?.params.requestId;
  return requestId === undefined ? undefined : { requestId, reason: parsed.data?.params.reason };
}

/**
 * Stateless Streamable HTTP, as the SDK 1.x `simpleStatelessStreamableHttp` example: every POST
 * gets its own `McpServer` and transport (no `Mcp-Session-Id`), closed when the response ends, so
 * any instance can answer any request and nothing but the store holds state. GET (the standalone
 * notification stream) and DELETE (ending a session) have nothing to act on: 405.
 *
 * A `notifications/cancelled` that reaches the instance running the call is handed to that call's
 * server, which aborts it; one that reaches another instance finds nothing and is lost (the
 * call runs to its end or its deadline). Request ids are the client's, so calls are keyed by token.
 */
export function createStatelessHandler(options: {
  createServer: () => McpServer;
  log: Logger;
}): McpRequestHandler {
  const inFlight = new Map<string, InFlight>();
  const keyOf = (caller: Caller, id: RequestId) => `${caller.tokenId}\u0000${typeof id}:${String(id)}`;

  return {
    async handle(request, response, body, caller) {
      if (request.method !== 'POST') {
        return sendError(
          response,
          405,
          'Method not allowed: this server is stateless (no sessions, no GET stream).',
          {
            allow: 'POST',
          },
        );
      }
      const cancellation = asCancellation(body);
      const running = cancellation && inFlight.get(keyOf(caller, cancellation.requestId));
      if (running !== undefined) {
        // A stateless transport takes one HTTP request (the SDK refuses a second), so the
        // notification is handed to the call's transport as if it had arrived on it, and answered
        // as the transport answers notifications: 202, no body.
        running.transport.onmessage?.({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: cancellation,
        });
        response.writeHead(202).end();
        return;
      }

      const server = options.createServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const keys = messagesOf(body)
        .filter(isJSONRPCRequest)
        .map((message) => keyOf(caller, message.id));
      for (const key of keys) inFlight.set(key, { server, transport });
      response.once('close', () => {
        for (const key of keys) if (inFlight.get(key)?.transport === transport) inFlight.delete(key);
        // Closing the server closes its transport; a call still running (the client went away) is aborted.
        server
          .close()
          .catch((error: unknown) => options.log(`closing a stateless call failed: ${String(error)}`));
      });
      await server.connect(transport);
      await transport.handleRequest(request, response, body);
    },
    async close() {
      const servers = new Set([...inFlight.values()].map((call) => call.server));
      inFlight.clear();
      await Promise.allSettled([...servers].map((server) => server.close()));
    },
  };
}
