import { connect as connectTcp, type Socket } from 'node:net';
import { createMemoryStore } from '@bedrock-chat/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type HttpServerOptions, type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import type { ServerDeps } from '../src/server-deps.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner } from './helpers/fake-runner.js';
import { rawRequest } from './helpers/raw-http.js';

const TOKEN_A = 'token-a-0123456789';
const TOKEN_B = 'token-b-0123456789';
const TOKEN_C = 'token-c-0123456789';

let running: RunningHttpServer | undefined;
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await running?.close();
  running = undefined;
});

async function start(options: Partial<HttpServerOptions> = {}, deps: Partial<ServerDeps> = {}) {
  const lines: string[] = [];
  const full: ServerDeps = {
    store: createMemoryStore(),
    runner: createFakeRunner(),
    config: testConfig(),
    ...deps,
  };
  running = await startHttpServer({
    port: 0,
    tokens: [TOKEN_A, TOKEN_B],
    createServer: () => createServer(full),
    log: (line) => lines.push(line),
    ...options,
  });
  return { http: running, lines };
}

async function connectClient(url: string, token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'limits-test', version: '1.0.0' });
  await client.connect(transport);
  closers.push(() => client.close());
  return { client, transport };
}

/** A TCP connection that says nothing, resolved once connected; `closed` settles when the server drops it. */
function idleSocket(url: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    // Read what the server sends (a 408), or its closing the connection goes unseen.
    socket.resume();
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
    closers.push(() => {
      socket.destroy();
    });
  });
}

const mcpHeaders = (token: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  authorization: `Bearer ${token}`,
});
const ping = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' });

describe('HTTP limits', () => {
  it('at the connection cap, closes idle unauthenticated sockets so a client with a token gets every call', async () => {
    const { http } = await start({ maxConnections: 5 });
    const idle = await Promise.all(Array.from({ length: 5 }, () => idleSocket(http.url)));
    const { client } = await connectClient(http.url, TOKEN_A);
    for (let index = 0; index < 10; index++) {
      const result = await client.callTool({ name: 'chat', arguments: { prompt: `call ${index}` } });
      expect(result.structuredContent).toMatchObject({ text: `reply #1: call ${index}` });
    }
    // The client's connections took the places of the oldest idle ones.
    await idle[0]?.closed;
    expect(idle[0]?.socket.destroyed).toBe(true);
  });

  it('closes the connection after refusing a request without a valid token', async () => {
    const { http } = await start();
    const response = await rawRequest(http.url, { headers: mcpHeaders('wrong-token-000000'), body: ping });
    expect(response.status).toBe(401);
    expect(response.headers.connection).toBe('close');
  });

  it('closes a silent connection, one whose headers never finish, and one whose body never finishes', async () => {
    const { http, lines } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const silent = await idleSocket(http.url);
    await silent.closed;
    const headers = await idleSocket(http.url);
    headers.socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await headers.closed;

    const body = await idleSocket(http.url);
    let answer = '';
    body.socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    const { port } = new URL(http.url);
    body.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN_A}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc":`,
    );
    await body.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^HTTP: a request body was cut off/);
    expect(lines[0]).not.toContain('\n');
  });

  it('does not time out a call that takes longer than the request timeout to answer', async () => {
    const base = createFakeRunner();
    const slow = {
      ...base,
      async complete(...args: Parameters<typeof base.complete>) {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return base.complete(...args);
      },
    };
    const { http } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 300 }, { runner: slow });
    const { client } = await connectClient(http.url, TOKEN_A);
    const result = await client.callTool({ name: 'chat', arguments: { prompt: 'slow' } });
    expect(result.structuredContent).toMatchObject({ text: 'reply #1: slow' });
  });

  it('logs a body cut off by the client as one line, without a stack', async () => {
    const { http, lines } = await start();
    const { socket, closed } = await idleSocket(http.url);
    const { port } = new URL(http.url);
    socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN_A}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc":`,
    );
    // Wait for the server to start reading the body, then give up on it.
    await rawRequest(http.url, { headers: mcpHeaders(TOKEN_A), body: ping });
    socket.destroy();
    await closed;
    await new Promise((resolve) => setImmediate(resolve));
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/^HTTP: a request body was cut off/);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('answers an unexpected failure with 500 and logs it redacted, without secrets', async () => {
    const { http, lines } = await start({
      createServer: () => {
        throw new Error(
          'cannot reach https://admin:hunter2@store.internal/ with token=abcdef0123456789abcdef',
        );
      },
    });
    const initialize = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    const response = await rawRequest(http.url, { headers: mcpHeaders(TOKEN_A), body: initialize });
    expect(response.status).toBe(500);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/^HTTP request failed: /);
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('abcdef0123456789abcdef');
  });

  it('gives each token a quota of sessions: the oldest idle one makes room, others are not locked out', async () => {
    const { http } = await start({ maxSessionsPerToken: 2, maxSessions: 3 });
    const first = await connectClient(http.url, TOKEN_A);
    await connectClient(http.url, TOKEN_A);
    await connectClient(http.url, TOKEN_A);
    // The first session of token A was the least recently used: it was closed for the third.
    const stale = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_A), 'mcp-session-id': first.transport.sessionId ?? '' },
      body: ping,
    });
    expect(stale.status).toBe(404);
    const other = await connectClient(http.url, TOKEN_B);
    expect(await other.client.ping()).toEqual({});
  });

  it('at the overall cap, makes room from an idle session even when the token holding the most has every one busy', async () => {
    const runner = createFakeRunner({ hang: true });
    const { http } = await start(
      { maxSessionsPerToken: 2, maxSessions: 3, tokens: [TOKEN_A, TOKEN_B, TOKEN_C] },
      { runner },
    );
    const controller = new AbortController();
    const calls: Promise<unknown>[] = [];
    for (let index = 0; index < 2; index++) {
      const busy = await connectClient(http.url, TOKEN_A);
      const started = runner.nextCall();
      const pending = busy.client
        .callTool({ name: 'chat', arguments: { prompt: 'hangs' } }, undefined, { signal: controller.signal })
        .catch(() => undefined);
      calls.push(pending);
      await started;
    }
    closers.push(async () => {
      controller.abort();
      await Promise.all(calls);
    });
    const idle = await connectClient(http.url, TOKEN_B);
    // Three sessions, the cap: A's two are busy, B's one is idle. C must not be locked out.
    const third = await connectClient(http.url, TOKEN_C);
    expect(await third.client.ping()).toEqual({});
    const stale = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_B), 'mcp-session-id': idle.transport.sessionId ?? '' },
      body: ping,
    });
    expect(stale.status).toBe(404);
  });

  it('answers 503 when every session of the token is busy, and still serves other tokens', async () => {
    const runner = createFakeRunner({ hang: true });
    const { http } = await start({ maxSessionsPerToken: 1 }, { runner });
    const busy = await connectClient(http.url, TOKEN_A);
    const controller = new AbortController();
    const started = runner.nextCall();
    const pending = busy.client
      .callTool({ name: 'chat', arguments: { prompt: 'hangs' } }, undefined, { signal: controller.signal })
      .catch(() => undefined);
    closers.push(async () => {
      controller.abort();
      await pending;
    });
    await started;
    const refused = await rawRequest(http.url, {
      headers: mcpHeaders(TOKEN_A),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }),
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('This token already has 1 sessions, all busy');
    const other = await connectClient(http.url, TOKEN_B);
    expect(await other.client.ping()).toEqual({});
  });
});
