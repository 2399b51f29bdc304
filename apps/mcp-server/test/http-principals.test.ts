import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpServerOptions, type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import { tokenEntriesFor } from '../src/http/request-guards.js';
import { connectHttpClient, mcpHeaders } from './helpers/http-client.js';
import { rawRequest } from './helpers/raw-http.js';

const ALICE_LAPTOP = 'alice-laptop-0123456789';
const ALICE_CI = 'alice-ci-0123456789';
const BOB = 'bob-0123456789';
const PRINCIPALS = [...tokenEntriesFor([ALICE_LAPTOP, ALICE_CI], 'alice'), ...tokenEntriesFor([BOB], 'bob')];

/** A server whose one tool answers with what the handler received as `extra.authInfo`. */
function whoamiServer(): McpServer {
  const server = new McpServer({ name: 'whoami', version: '1.0.0' });
  server.registerTool('whoami', { description: 'Who am I' }, async (extra) => ({
    content: [
      {
        type: 'text',
        text: JSON.stringify({
          principal: extra.authInfo?.extra?.principal,
          clientId: extra.authInfo?.clientId,
        }),
      },
    ],
  }));
  return server;
}

let running: RunningHttpServer | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await running?.close();
  running = undefined;
});

async function start(options: Partial<HttpServerOptions>): Promise<RunningHttpServer> {
  running = await startHttpServer({ port: 0, createServer: whoamiServer, ...options });
  return running;
}

async function connect(url: string, token: string) {
  const connected = await connectHttpClient(url, token);
  closers.push(() => connected.client.close());
  return connected;
}

async function whoami(url: string, token: string): Promise<unknown> {
  const { client } = await connect(url, token);
  const result = (await client.callTool({ name: 'whoami', arguments: {} })) as CallToolResult;
  const [block] = result.content;
  return block?.type === 'text' ? JSON.parse(block.text) : undefined;
}

describe('principals over HTTP', () => {
  it('hands each token’s principal to the tool handlers as extra.authInfo', async () => {
    const http = await start({ principals: PRINCIPALS });
    expect(await whoami(http.url, ALICE_LAPTOP)).toEqual({ principal: 'alice', clientId: 'alice' });
    expect(await whoami(http.url, ALICE_CI)).toEqual({ principal: 'alice', clientId: 'alice' });
    expect(await whoami(http.url, BOB)).toEqual({ principal: 'bob', clientId: 'bob' });
  });

  it('makes every token the local user without a tokens file', async () => {
    const http = await start({ tokens: ['first-token-0123456789', 'second-token-0123456789'] });
    expect(await whoami(http.url, 'first-token-0123456789')).toEqual({
      principal: 'local',
      clientId: 'local',
    });
    expect(await whoami(http.url, 'second-token-0123456789')).toEqual({
      principal: 'local',
      clientId: 'local',
    });
  });

  it('keeps a session to the token that opened it, even against another token of the same principal', async () => {
    const http = await start({ principals: PRINCIPALS });
    const { transport } = await connect(http.url, ALICE_LAPTOP);
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const headers = { 'mcp-session-id': transport.sessionId ?? '' };
    const other = await rawRequest(http.url, {
      headers: { ...mcpHeaders(ALICE_CI), ...headers },
      body: list,
    });
    expect(other.status).toBe(404);
    const own = await rawRequest(http.url, {
      headers: { ...mcpHeaders(ALICE_LAPTOP), ...headers },
      body: list,
    });
    expect(own.status).toBe(200);
  });

  it('counts the session quota per principal with a tokens file: two tokens do not double it', async () => {
    const http = await start({ principals: PRINCIPALS, maxSessionsPerToken: 1 });
    const laptop = await connect(http.url, ALICE_LAPTOP);
    await connect(http.url, ALICE_CI);
    // Alice's one session is now the CI's: the laptop's was closed to make room (its client sees 404).
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping' });
    const stale = await rawRequest(http.url, {
      headers: { ...mcpHeaders(ALICE_LAPTOP), 'mcp-session-id': laptop.transport.sessionId ?? '' },
      body: ping,
    });
    expect(stale.status).toBe(404);
    // Bob's share is his own.
    expect(await whoami(http.url, BOB)).toEqual({ principal: 'bob', clientId: 'bob' });
  });

  it('counts it per token without a tokens file, as before', async () => {
    const http = await start({
      tokens: ['first-token-0123456789', 'second-token-0123456789'],
      maxSessionsPerToken: 1,
    });
    const first = await connect(http.url, 'first-token-0123456789');
    await connect(http.url, 'second-token-0123456789');
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping' });
    const still = await rawRequest(http.url, {
      headers: { ...mcpHeaders('first-token-0123456789'), 'mcp-session-id': first.transport.sessionId ?? '' },
      body: ping,
    });
    expect(still.status).toBe(200);
  });
});

describe('GET /healthz', () => {
  it('answers without a token or an allowed Host, and says nothing else', async () => {
    const http = await start({ principals: PRINCIPALS });
    const health = http.url.replace('/mcp', '/healthz');
    const response = await rawRequest(health, { method: 'GET', headers: { host: 'lb.internal:80' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
    const head = await rawRequest(`${health}?probe=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('takes only GET and HEAD', async () => {
    const http = await start({ principals: PRINCIPALS });
    const response = await rawRequest(http.url.replace('/mcp', '/healthz'), { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
  });
});
