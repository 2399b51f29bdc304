import { createMemoryStore } from '@bedrock-chat/core';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner } from './helpers/fake-runner.js';

// MCP TypeScript SDK v2 (@modelcontextprotocol/client 2.4), the client line that speaks the
// 2026-07-28 revision: with `versionNegotiation: { mode: 'auto' }` it probes with server/discover
// first and falls back to the 2025 initialize handshake, which this SDK 1.x server answers.
const TOKEN = 'v2-client-token-0123456789';

const servers: RunningHttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(stateless: boolean) {
  const deps = {
    store: createMemoryStore(),
    runner: createFakeRunner(),
    config: testConfig({ progress: false }),
  };
  const http = await startHttpServer({
    port: 0,
    tokens: [TOKEN],
    stateless,
    createServer: () => createServer(deps),
  });
  servers.push(http);
  return http;
}

describe.each([
  ['stateful', false],
  ['stateless', true],
])('an SDK v2 client against the %s server', (_mode, stateless) => {
  it.each(['legacy', 'auto'] as const)(
    'connects (negotiation %s), lists the tools and chats',
    async (mode) => {
      const http = await start(stateless);
      const methods: string[] = [];
      const transport = new StreamableHTTPClientTransport(new URL(http.url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
        fetch: (input, init) => {
          if (typeof init?.body === 'string') methods.push(JSON.parse(init.body).method ?? 'response');
          return fetch(input, init);
        },
      });
      const client = new Client({ name: 'v2-test', version: '1.0.0' }, { versionNegotiation: { mode } });
      await client.connect(transport);
      try {
        expect(client.getServerVersion()).toMatchObject({ name: 'bedrock-chat' });
        // 'auto' tried the 2026-07-28 era first, then fell back to the 2025 handshake.
        const handshake = methods.slice(0, methods.indexOf('initialize') + 1);
        expect(handshake).toEqual(mode === 'auto' ? ['server/discover', 'initialize'] : ['initialize']);
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(['chat', 'list_conversations', 'get_conversation']);
        const first = await client.callTool({ name: 'chat', arguments: { prompt: 'from v2' } });
        const { conversationId } = first.structuredContent as { conversationId: string };
        const second = await client.callTool({
          name: 'chat',
          arguments: { prompt: 'again', conversationId },
        });
        expect(second.structuredContent).toMatchObject({ conversationId, text: 'reply #3: again' });
      } finally {
        await client.close();
      }
    },
  );
});
