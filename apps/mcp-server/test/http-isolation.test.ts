import { type ConversationStore, createMemoryStore } from '@bedrock-chat/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type HttpServerOptions, type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import { tokenEntriesFor } from '../src/http/request-guards.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner } from './helpers/fake-runner.js';
import { connectHttpClient } from './helpers/http-client.js';

const ALICE = 'alice-token-0123456789';
const ALICE_ROTATED = 'alice-rotated-0123456789';
const BOB = 'bob-token-0123456789';
const LOCAL_ADMIN = 'admin-token-0123456789';
const PRINCIPALS = [
  ...tokenEntriesFor([ALICE, ALICE_ROTATED], 'alice'),
  ...tokenEntriesFor([BOB], 'bob'),
  // A principal named `local` is the CLI's user.
  ...tokenEntriesFor([LOCAL_ADMIN], 'local'),
];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<HttpServerOptions>, store: ConversationStore = createMemoryStore()) {
  const deps = { store, runner: createFakeRunner(), config: testConfig({ progress: false }) };
  const http: RunningHttpServer = await startHttpServer({
    port: 0,
    createServer: () => createServer(deps),
    ...options,
  });
  cleanups.push(() => http.close());
  return { http, store };
}

/** A connected client's tool calls, results as the caller sees them. */
async function as(url: string, token: string) {
  const { client } = await connectHttpClient(url, token);
  cleanups.push(() => client.close());
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return {
    call,
    async chat(prompt: string, conversationId?: string) {
      return (await call('chat', { prompt, ...(conversationId ? { conversationId } : {}) }))
        .structuredContent as {
        conversationId: string;
        text: string;
      };
    },
    async ids() {
      const listed = (await call('list_conversations')).structuredContent as {
        conversations: { id: string }[];
      };
      return listed.conversations.map((conversation) => conversation.id);
    },
  };
}

const errorText = (result: CallToolResult) =>
  result.content[0]?.type === 'text' ? result.content[0].text : '';

describe('per-user isolation over HTTP', () => {
  it('lets each principal see, read and continue only its own conversations', async () => {
    const { http } = await start({ principals: PRINCIPALS });
    const alice = await as(http.url, ALICE);
    const bob = await as(http.url, BOB);
    const mine = await alice.chat('alice private');
    const bobs = await bob.chat('bob private');
    expect(await alice.ids()).toEqual([mine.conversationId]);
    expect(await bob.ids()).toEqual([bobs.conversationId]);
    // search goes through the same scope
    expect((await bob.call('list_conversations', { search: 'alice' })).structuredContent).toEqual({
      conversations: [],
    });

    const peek = await bob.call('get_conversation', { conversationId: mine.conversationId });
    const continued = await bob.call('chat', { prompt: 'hijack', conversationId: mine.conversationId });
    // Exactly what an id nobody holds gets: nothing says the conversation exists.
    const unknownId = mine.conversationId.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    const unknown = await bob.call('get_conversation', { conversationId: unknownId });
    expect(peek.isError).toBe(true);
    expect(continued.isError).toBe(true);
    expect(errorText(peek)).toMatch(/^No conversation with id /);
    expect(errorText(peek).replace(mine.conversationId, '<id>')).toBe(
      errorText(unknown).replace(unknownId, '<id>'),
    );
    expect(errorText(continued)).not.toContain('alice private');

    const read = (await alice.call('get_conversation', { conversationId: mine.conversationId }))
      .structuredContent as {
      messageCount: number;
    };
    expect(read.messageCount).toBe(2);
  });

  it('keeps a principal’s conversations across its tokens: a rotated token continues them', async () => {
    const { http } = await start({ principals: PRINCIPALS });
    const before = await (await as(http.url, ALICE)).chat('before rotation');
    const after = await as(http.url, ALICE_ROTATED);
    expect(await after.ids()).toEqual([before.conversationId]);
    const continued = await after.chat('after rotation', before.conversationId);
    expect(continued.text).toBe('reply #3: after rotation');
  });

  it('shares the CLI’s conversations with every token when there is no tokens file', async () => {
    const store = createMemoryStore();
    // What the CLI stored: the store as opened is the local user's.
    const fromCli = await store.create({ title: 'from the CLI' });
    const { http } = await start({ tokens: ['one-token-0123456789', 'two-token-0123456789'] }, store);
    const one = await as(http.url, 'one-token-0123456789');
    const two = await as(http.url, 'two-token-0123456789');
    const started = await one.chat('over http');
    expect((await two.ids()).sort()).toEqual([fromCli.id, started.conversationId].sort());
    expect((await store.get(started.conversationId)).owner).toBe('local');
  });

  it('keeps the CLI’s conversations from named principals, and gives them to one named local', async () => {
    const store = createMemoryStore();
    const fromCli = await store.create({ title: 'from the CLI' });
    const { http } = await start({ principals: PRINCIPALS }, store);
    expect(await (await as(http.url, ALICE)).ids()).toEqual([]);
    expect(await (await as(http.url, LOCAL_ADMIN)).ids()).toEqual([fromCli.id]);
  });
});
