import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LOCAL_PRINCIPAL, redactSecrets } from '@bedrock-chat/core';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
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
  HEALTH_PATH,
  MCP_PATH,
} from './http-defaults.js';
import { readJsonBody } from './read-body.js';
import {
  bearerToken,
  type Caller,
  createTokenVerifier,
  isHostAllowed,
  isOriginAllowed,
  LOOPBACK_HOSTNAMES,
  tokenEntriesFor,
} from './request-guards.js';
import { sendError } from './send-error.js';
import { createStatefulHandler } from './stateful-sessions.js';
import { createStatelessHandler } from './stateless-calls.js';
import type { TokenEntry } from './tokens-file.js';

export interface HttpServerOptions {
  host?: string | undefined;
  port?: number | undefined;
  /** Plain bearer tokens (one per client if they must not share sessions); each acts as the local principal. */
  tokens?: readonly string[] | undefined;
  /** Tokens by principal, as a tokens file gives them; session quotas then count per principal. */
  principals?: readonly TokenEntry[] | undefined;
  /** Extra `Host` names to accept besides loopback and the bound host. */
  allowedHosts?: readonly string[] | undefined;
  /** Extra browser origins to accept besides loopback ones. */
  allowedOrigins?: readonly string[] | undefined;
  maxBodyBytes?: number | undefined;
  maxSessions?: number | undefined;
  /**
   * Sessions one token (with `principals`: one principal) may hold; at the quota its least
   * recently used idle session is closed.
   */
  maxSessionsPerToken?: number | undefined;
  /** Open connections; at the cap the longest-idle unauthenticated one makes room. */
  maxConnections?: number | undefined;
  headersTimeoutMs?: number | undefined;
  /** Time for a whole request, headers and body. */
  requestTimeoutMs?: number | undefined;
  sessionIdleMs?: number | undefined;
  /**
   * No sessions: every POST gets its own server and transport, so any instance behind a load
   * balancer can answer any request (nothing but the store holds state). Session options are unused.
   */
  stateless?: boolean | undefined;
  /** Builds the MCP server of a new session (stateless: of each request). */
  createServer: () => McpServer;
  log?: Logger | undefined;
}

export interface ShutdownReport {
  /** Calls that were running when shutdown began and finished within the grace period. */
  finished: number;
  /** Calls stopped by `onGraceEnd` that answered within `answerMs` (chat: "shutting down", nothing saved). */
  stopped: number;
  /** Calls still running at the very end: cut off, so they store nothing and their client gets no answer. */
  aborted: number;
}

export interface ShutdownOptions {
  /** How long calls in flight may take to finish. */
  graceMs: number;
  /** Called when the grace period ends with calls still running: make them stop and answer. */
  onGraceEnd?: (() => void) | undefined;
  /** How long those calls then have to send their answer; default 2 s. */
  answerMs?: number | undefined;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp` */
  readonly url: string;
  readonly port: number;
  /** Stops at once: calls in flight are aborted. */
  close(): Promise<void>;
  /**
   * Stops taking calls (new requests, `/healthz` included, get 503; the listener stays open until
   * the calls end, so a load balancer sees 503, not a refused connection), lets the calls in flight finish for up to `graceMs`, asks the rest to stop and answer (`onGraceEnd`),
   * then closes everything.
   */
  shutdown(options: ShutdownOptions): Promise<ShutdownReport>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** The `Host` names a server bound to `host` accepts: loopback, the bound host (not a wildcard), `extra`. */
export function allowedHostnames(host: string, extra: readonly string[]): string[] {
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const names = [...LOOPBACK_HOSTNAMES, ...extra.map((name) => name.toLowerCase())];
  if (!WILDCARD_HOSTS.has(bound)) names.push(bound.toLowerCase());
  return names;
}

function tokenEntries(options: HttpServerOptions): TokenEntry[] {
  if (options.principals !== undefined && options.tokens !== undefined) {
    throw new Error('Give tokens or principals, not both.');
  }
  return options.principals
    ? [...options.principals]
    : tokenEntriesFor(options.tokens ?? [], LOCAL_PRINCIPAL);
}

/** What tool handlers see as `extra.authInfo`: the principal, in `clientId` and `extra.principal`. */
function authInfoFor(caller: Caller, token: string): AuthInfo {
  return { token, clientId: caller.principal, scopes: [], extra: { principal: caller.principal } };
}

/** Answers the load balancer: no token, no Host check, no data. */
function answerHealth(request: IncomingMessage, response: ServerResponse, draining: boolean) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendError(response, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
  }
  const body = draining ? '{"status":"shutting down"}' : '{"status":"ok"}';
  response
    .writeHead(draining ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Streamable HTTP at `/mcp` on node:http, and `GET /healthz` for load balancers. Every MCP request
 * passes, in order: path, Host (403), Origin (403), bearer token (401), method (405), body size
 * (413); then the MCP handler answers it as the caller's principal, which tools read from
 * `extra.authInfo`: with sessions ({@link createStatefulHandler}) or, `stateless`, a server per
 * request ({@link createStatelessHandler}). Everything before the token check is a few string comparisons and one SHA-256,
 * and nothing is read from the body; a refused request closes its connection. Connections are
 * capped ({@link ConnectionGuard}), headers and whole requests time out.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? DEFAULT_HOST;
  const hostnames = allowedHostnames(host, options.allowedHosts ?? []);
  const origins = options.allowedOrigins ?? [];
  const verifier = createTokenVerifier(tokenEntries(options));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const connections = new ConnectionGuard({
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    silentTimeoutMs: headersTimeoutMs,
  });
  const log = options.log ?? (() => {});
  const mcp = options.stateless
    ? createStatelessHandler({ createServer: options.createServer, log })
    : createStatefulHandler({
        createServer: options.createServer,
        maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
        maxSessionsPerKey: options.maxSessionsPerToken ?? DEFAULT_MAX_SESSIONS_PER_TOKEN,
        quotaPer: options.principals ? 'principal' : 'token',
        sessionIdleMs: options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS,
        log,
      });
  let draining = false;
  /** MCP POSTs being answered: the calls a graceful shutdown waits for. */
  let callsInFlight = 0;
  let onCallsDone: (() => void) | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Refusals before the token check close the connection: an unauthenticated client keeps no socket.
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
      sendError(response, status, message, { ...headers, connection: 'close' });
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH) return answerHealth(request, response, draining);
    if (path !== MCP_PATH) return refuse(404, `Not found; the MCP endpoint is ${MCP_PATH}.`);
    if (draining) {
      // The body (bounded by the request timeout) is read and dropped before the connection
      // closes: closed with unread bytes, the kernel resets it and the client never sees the 503.
      request.resume();
      await new Promise((resolve) => request.once('end', resolve).once('close', resolve));
      return refuse(503, 'Shutting down; retry on another instance.', { 'retry-after': '1' });
    }
    if (!isHostAllowed(request.headers.host, hostnames)) {
      // The header itself is not echoed: it is the client's text, and this answer may reach a browser.
      return refuse(
        403,
        'Forbidden: Host header not allowed; the server accepts loopback names, its bound host and the names in BEDROCK_CHAT_MCP_ALLOWED_HOSTS.',
      );
    }
    if (!isOriginAllowed(request.headers.origin, origins)) {
      return refuse(403, 'Forbidden: Origin not allowed.');
    }
    const token = bearerToken(request.headers.authorization);
    const caller = verifier.verify(token);
    if (caller === undefined || token === undefined) {
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
      // Shutdown began while the body was arriving: this instance will not take the call on.
      if (draining) return refuse(503, 'Shutting down; retry on another instance.', { 'retry-after': '1' });
      callsInFlight += 1;
      response.once('close', () => {
        callsInFlight -= 1;
        if (callsInFlight === 0) onCallsDone?.();
      });
    }
    // The SDK transport hands `req.auth` to every handler of this request as `extra.authInfo`.
    (request as IncomingMessage & { auth?: AuthInfo }).auth = authInfoFor(caller, token);
    return mcp.handle(request, response, body, caller);
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
      // Draining: `Connection: close`, so the client sends its next request on a new connection.
      if (draining) response.shouldKeepAlive = false;
      response.once('close', () => {
        connections.requestFinished(socket);
        // While draining, a kept-alive connection closes as soon as it has answered. Only this one:
        // closing every idle connection would also cut ones just opened, before their request.
        if (draining) socket.end();
      });
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

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? DEFAULT_PORT, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  /** Resolves when no call is in flight, or after `ms`. */
  function callsDone(ms: number): Promise<void> {
    if (callsInFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      onCallsDone = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function closeNow(): Promise<void> {
    draining = true;
    await mcp.close();
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    });
  }

  return {
    url: `http://${urlHost}:${address.port}${MCP_PATH}`,
    port: address.port,
    close: closeNow,
    async shutdown({ graceMs, onGraceEnd, answerMs = 2_000 }) {
      draining = true;
      const running = callsInFlight;
      // The listener stays open while calls finish: a load balancer's health check then gets 503
      // (and takes the instance out) instead of ECONNREFUSED, new requests get 503 too. Idle
      // kept-alive connections close; open requests go on.
      httpServer.closeIdleConnections();
      await callsDone(graceMs);
      const afterGrace = callsInFlight;
      if (afterGrace > 0 && onGraceEnd !== undefined) {
        onGraceEnd();
        await callsDone(answerMs);
      }
      const aborted = callsInFlight;
      await mcp.close();
      const listenerClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await listenerClosed;
      return { finished: Math.max(0, running - afterGrace), stopped: afterGrace - aborted, aborted };
    },
  };
}
