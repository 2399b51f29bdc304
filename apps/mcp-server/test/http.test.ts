import { createMemoryStore } from '@bedrock-chat/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import type { ServerDeps } from '../src/server-deps.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner } from './helpers/fake-runner.js';
import { rawRequest } from './helpers/raw-http.js';

const TOKEN_A = 'token-a-0123456789';
const TOKEN_B = 'token-b-0123456789';

let http: RunningHttpServer;
const deps: ServerDeps = { store: createMemoryStore(), runner: createFakeRunner(), config: testConfig() };

beforeAll(async () => {
  http = await startHttpServer({
    port: 0,
    tokens: [TOKEN_A, TOKEN_B],
    allowedOrigins: ['https://trusted.example'],
    createServer: () => createServer(deps),
  });
});
afterAll(async () => {
  await http.close();
});

async function connectClient(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(http.url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const mcpHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

describe('HTTP mode', () => {
  it('binds loopback and serves /mcp', () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('serves the tools to a client with a token', async () => {
    const { client } = await connectClient(TOKEN_A);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['chat', 'list_conversations', 'get_conversation']);
    const result = (await client.callTool({
      name: 'chat',
      arguments: { prompt: 'over http' },
    })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ text: 'reply #1: over http' });
    await client.close();
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const missing = await rawRequest(http.url, { headers: mcpHeaders(), body: initialize });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await rawRequest(http.url, { headers: mcpHeaders('nope-nope-nope'), body: initialize });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(TOKEN_A);
  });

  it('answers 403 to a bad Host (DNS rebinding), even with a valid token', async () => {
    const port = new URL(http.url).port;
    const response = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_A), host: `evil.example:${port}` },
      body: initialize,
    });
    expect(response.status).toBe(403);
    expect(response.body).toContain('Host');
  });

  it('answers 403 to a foreign Origin and accepts loopback and listed ones', async () => {
    const evil = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_A), origin: 'https://evil.example' },
      body: initialize,
    });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('Origin');
    for (const origin of ['http://localhost:6274', 'https://trusted.example']) {
      const ok = await rawRequest(http.url, {
        headers: { ...mcpHeaders(TOKEN_A), origin },
        body: initialize,
      });
      expect(ok.status).toBe(200);
    }
  });

  it('answers 413 to a body over 1 MiB, declared or streamed', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(1_100_000) },
    });
    const declared = await rawRequest(http.url, { headers: mcpHeaders(TOKEN_A), body: big });
    expect(declared.status).toBe(413);
    const streamed = await rawRequest(http.url, { headers: mcpHeaders(TOKEN_A), body: big, chunked: true });
    expect(streamed.status).toBe(413);
  });

  it('answers 404 off /mcp, 405 to other methods, 400 to a non-JSON body', async () => {
    expect(
      (
        await rawRequest(http.url.replace('/mcp', '/other'), {
          headers: mcpHeaders(TOKEN_A),
          body: initialize,
        })
      ).status,
    ).toBe(404);
    expect(
      (await rawRequest(http.url, { method: 'PUT', headers: mcpHeaders(TOKEN_A), body: initialize })).status,
    ).toBe(405);
    expect((await rawRequest(http.url, { headers: mcpHeaders(TOKEN_A), body: '{not json' })).status).toBe(
      400,
    );
  });

  it('keeps two concurrent clients apart: a session id is useless with another token', async () => {
    const alice = await connectClient(TOKEN_A);
    const bob = await connectClient(TOKEN_B);
    expect(alice.transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bob.transport.sessionId).not.toBe(alice.transport.sessionId);

    const [fromAlice, fromBob] = (await Promise.all([
      alice.client.callTool({ name: 'chat', arguments: { prompt: 'from alice' } }),
      bob.client.callTool({ name: 'chat', arguments: { prompt: 'from bob' } }),
    ])) as CallToolResult[];
    expect(fromAlice?.structuredContent).toMatchObject({ text: 'reply #1: from alice' });
    expect(fromBob?.structuredContent).toMatchObject({ text: 'reply #1: from bob' });

    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const hijack = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_B), 'mcp-session-id': alice.transport.sessionId ?? '' },
      body: list,
    });
    expect(hijack.status).toBe(404);
    const own = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_A), 'mcp-session-id': alice.transport.sessionId ?? '' },
      body: list,
    });
    expect(own.status).toBe(200);
    expect(own.body).toContain('list_conversations');

    await alice.client.close();
    await bob.client.close();
  });

  it('ends a session on DELETE', async () => {
    const { client, transport } = await connectClient(TOKEN_A);
    const sessionId = transport.sessionId ?? '';
    await transport.terminateSession();
    const after = await rawRequest(http.url, {
      headers: { ...mcpHeaders(TOKEN_A), 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it('refuses a request without a session id that is not initialize', async () => {
    const response = await rawRequest(http.url, {
      headers: mcpHeaders(TOKEN_A),
      body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }),
    });
    expect(response.status).toBe(400);
  });
});
