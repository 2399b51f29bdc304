import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { redactSecrets } from '@bedrock-chat/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';
import { ConnectionGuard } from './connection-guard.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_MAX_SESSIONS_PER_TOKEN,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SESSION_IDLE_MS,
  MCP_PATH,
} from './http-defaults.js';
import { readJsonBody } from './read-body.js';
import {
  bearerToken,
  createTokenVerifier,
  isHostAllowed,
  isOriginAllowed,
  LOOPBACK_HOSTNAMES,
} from './request-guards.js';
import { type Session, SessionRegistry } from './session-registry.js';

export interface HttpServerOptions {
  host?: string | undefined;
  port?: number | undefined;
  /** Accepted bearer tokens (one per client if they must not share sessions). */
  tokens: readonly string[];
  /** Extra `Host` names to accept besides loopback and the bound host. */
  allowedHosts?: readonly string[] | undefined;
  /** Extra browser origins to accept besides loopback ones. */
  allowedOrigins?: readonly string[] | undefined;
  maxBodyBytes?: number | undefined;
  maxSessions?: number | undefined;
  /** Sessions one token may hold; at the quota its least recently used idle session is closed. */
  maxSessionsPerToken?: number | undefined;
  /** Open connections; at the cap the longest-idle unauthenticated one makes room. */
  maxConnections?: number | undefined;
  headersTimeoutMs?: number | undefined;
  /** Time for a whole request, headers and body. */
  requestTimeoutMs?: number | undefined;
  sessionIdleMs?: number | undefined;
  /** Builds the MCP server of a new session. */
  createServer: () => McpServer;
  log?: Logger | undefined;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  if (response.headersSent || response.destroyed) return;
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

function allowedHostnames(host: string, extra: readonly string[]): string[] {
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const names = [...LOOPBACK_HOSTNAMES, ...extra.map((name) => name.toLowerCase())];
  if (!WILDCARD_HOSTS.has(bound)) names.push(bound.toLowerCase());
  return names;
}

/**
 * Streamable HTTP at `/mcp` on node:http, stateful: a transport and an `McpServer` per session,
 * created on `initialize`. Every request passes, in order: path, Host (403), Origin (403), bearer
 * token (401), method (405), body size (413); a session id is honoured only with the token that
 * opened it (404 otherwise, as for an unknown id). Everything before the token check is a few
 * string comparisons and one SHA-256, and nothing is read from the body; a refused request closes
 * its connection. Connections are capped ({@link ConnectionGuard}), headers and whole requests
 * time out, and each token holds a bounded share of the sessions.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? DEFAULT_HOST;
  const hostnames = allowedHostnames(host, options.allowedHosts ?? []);
  const origins = options.allowedOrigins ?? [];
  const verifier = createTokenVerifier(options.tokens);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const sessionLimits = {
    total: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    perToken: options.maxSessionsPerToken ?? DEFAULT_MAX_SESSIONS_PER_TOKEN,
  };
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const connections = new ConnectionGuard({
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    silentTimeoutMs: headersTimeoutMs,
  });
  const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  const log = options.log ?? (() => {});
  const sessions = new SessionRegistry();

  const closeSession = (session: Session) => {
    session.server.close().catch((error: unknown) => log(`closing a session failed: ${String(error)}`));
  };

  async function openSession(
    request: IncomingMessage,
    response: ServerResponse,
    body: unknown,
    owner: string,
  ) {
    const room = sessions.makeRoomFor(owner, sessionLimits);
    if (room.kind === 'evicted') closeSession(room.session);
    if (room.kind === 'full') {
      const message =
        room.limit === 'per-token'
          ? `This token already has ${sessionLimits.perToken} sessions, all busy; close one (DELETE /mcp) or retry later.`
          : 'Too many open sessions, all busy; close one (DELETE /mcp) or retry later.';
      sendError(response, 503, message, { 'retry-after': '5' });
      return;
    }
    const server = options.createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => sessions.add(sessionId, { transport, server, owner }),
      onsessionclosed: (sessionId) => sessions.delete(sessionId),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
    // An initialize the transport refused (bad Accept, bad JSON-RPC) leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Refusals before the token check close the connection: an unauthenticated client keeps no socket.
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
      sendError(response, status, message, { ...headers, connection: 'close' });
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return refuse(404, `Not found; the MCP endpoint is ${MCP_PATH}.`);
    if (!isHostAllowed(request.headers.host, hostnames)) {
      return refuse(403, 'Forbidden: Host header not allowed.');
    }
    if (!isOriginAllowed(request.headers.origin, origins)) {
      return refuse(403, 'Forbidden: Origin not allowed.');
    }
    const owner = verifier.verify(bearerToken(request.headers.authorization));
    if (owner === undefined) {
      return refuse(401, 'Unauthorized: send Authorization: Bearer <token>.', {
        'www-authenticate': 'Bearer realm="bedrock-chat-mcp"',
      });
    }
    connections.authenticated(request.socket);
    const method = request.method ?? 'GET';
    if (method !== 'POST' && method !== 'GET' && method !== 'DELETE') {
      return sendError(response, 405, 'Method not allowed.', { allow: 'GET, POST, DELETE' });
    }
    let body: unknown;
    if (method === 'POST') {
      const read = await readJsonBody(request, maxBodyBytes);
      if (read.kind === 'too-large') {
        return sendError(response, 413, `Request body larger than ${maxBodyBytes} bytes.`, {
          connection: 'close',
        });
      }
      if (read.kind === 'aborted') {
        log(`HTTP: a request body was cut off (the client closed the connection or took too long); ignored.`);
        return;
      }
      if (read.kind === 'invalid-json') return sendError(response, 400, 'Parse error: the body is not JSON.');
      body = read.value;
    }
    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId !== undefined) {
      const session = sessions.find(sessionId, owner);
      if (session === undefined) return sendError(response, 404, 'Session not found.');
      // A POST is a call in flight (the session is not evicted under it); a GET is the long-lived
      // notification stream, which does not keep a session busy.
      if (method === 'POST') response.once('close', sessions.using(session));
      return session.transport.handleRequest(request, response, body);
    }
    if (method === 'POST' && isInitializeRequest(body)) return openSession(request, response, body, owner);
    return sendError(response, 400, 'Bad request: Mcp-Session-Id header required (initialize first).');
  }

  const httpServer = createHttpServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Node checks those timeouts every `connectionsCheckingInterval` (30 s by default, longer than
      // the header timeout itself).
      connectionsCheckingInterval: 1_000,
      // Nagle off, set once per socket, so it holds for every request a kept-alive connection carries.
      noDelay: true,
    },
    (request, response) => {
      const socket: Socket = request.socket;
      connections.requestStarted(socket);
      response.once('close', () => connections.requestFinished(socket));
      handle(request, response).catch((error: unknown) => {
        // Unexpected, so the stack is kept for whoever runs the server, but through the one redaction
        // path: an error can carry an endpoint with user:password@ or a token.
        log(
          redactSecrets(
            `HTTP request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
        );
        sendError(response, 500, 'Internal server error.');
      });
    },
  );
  httpServer.on('connection', (socket: Socket) => connections.admit(socket));
  const sweep = setInterval(() => sessions.takeIdle(idleMs).forEach(closeSession), Math.min(idleMs, 60_000));
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? DEFAULT_PORT, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}${MCP_PATH}`,
    port: address.port,
    async close() {
      clearInterval(sweep);
      await Promise.allSettled(sessions.takeAll().map((session) => session.server.close()));
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
