import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../server-deps.js';
import type { Caller } from './request-guards.js';
import { sendError } from './send-error.js';
import { type Session, SessionRegistry } from './session-registry.js';

/** Answers authenticated MCP requests (the body of a POST already read and parsed). */
export interface McpRequestHandler {
  handle(request: IncomingMessage, response: ServerResponse, body: unknown, caller: Caller): Promise<void>;
  /** Closes whatever it holds; calls still running are aborted. */
  close(): Promise<void>;
}

export interface StatefulOptions {
  createServer: () => McpServer;
  maxSessions: number;
  /** Sessions one quota key may hold. */
  maxSessionsPerKey: number;
  /**
   * What a session counts against: its principal (with `--tokens`: one user, however many tokens,
   * gets one share) or its token (without: every token is the local user, and the quota keeps one
   * client from taking every session from the others, as before principals existed).
   */
  quotaPer: 'principal' | 'token';
  sessionIdleMs: number;
  log: Logger;
}

/**
 * Stateful Streamable HTTP: a transport and an `McpServer` per session, created on `initialize`.
 * A session id is honoured only with the token that opened it (404 otherwise, as for an unknown
 * id), and each quota key holds a bounded share of the sessions.
 */
export function createStatefulHandler(options: StatefulOptions): McpRequestHandler {
  const { log } = options;
  const sessions = new SessionRegistry();
  const limits = { total: options.maxSessions, perKey: options.maxSessionsPerKey };
  const quotaKeyOf = (caller: Caller) =>
    options.quotaPer === 'principal' ? caller.principal : caller.tokenId;

  const closeSession = (session: Session) => {
    session.server.close().catch((error: unknown) => log(`closing a session failed: ${String(error)}`));
  };
  const sweep = setInterval(
    () => sessions.takeIdle(options.sessionIdleMs).forEach(closeSession),
    Math.min(options.sessionIdleMs, 60_000),
  );
  sweep.unref();

  async function openSession(
    request: IncomingMessage,
    response: ServerResponse,
    body: unknown,
    caller: Caller,
  ) {
    const quotaKey = quotaKeyOf(caller);
    const room = sessions.makeRoomFor(quotaKey, limits);
    if (room.kind === 'evicted') closeSession(room.session);
    if (room.kind === 'full') {
      const holder = options.quotaPer === 'principal' ? 'This principal' : 'This token';
      const message =
        room.limit === 'per-key'
          ? `${holder} already has ${limits.perKey} sessions, all busy; close one (DELETE /mcp) or retry later.`
          : 'Too many open sessions, all busy; close one (DELETE /mcp) or retry later.';
      sendError(response, 503, message, { 'retry-after': '5' });
      return;
    }
    const server = options.createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) =>
        sessions.add(sessionId, { transport, server, tokenId: caller.tokenId, quotaKey }),
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

  return {
    async handle(request, response, body, caller) {
      const sessionHeader = request.headers['mcp-session-id'];
      const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
      if (sessionId !== undefined) {
        const session = sessions.find(sessionId, caller.tokenId);
        if (session === undefined) return sendError(response, 404, 'Session not found.');
        // A POST is a call in flight (the session is not evicted under it); a GET is the long-lived
        // notification stream, which does not keep a session busy.
        if (request.method === 'POST') response.once('close', sessions.using(session));
        return session.transport.handleRequest(request, response, body);
      }
      if (request.method === 'POST' && isInitializeRequest(body)) {
        return openSession(request, response, body, caller);
      }
      return sendError(response, 400, 'Bad request: Mcp-Session-Id header required (initialize first).');
    },
    async close() {
      clearInterval(sweep);
      await Promise.allSettled(sessions.takeAll().map((session) => session.server.close()));
    },
  };
}
