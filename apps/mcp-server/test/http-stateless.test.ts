import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteConversationStore } from '@bedrock-chat/core/sqlite';
import { type CallToolResult, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import { tokenEntriesFor } from '../src/http/request-guards.js';
import type { TokenEntry } from '../src/http/tokens-file.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner, type FakeRunner } from './helpers/fake-runner.js';
import { alternatingHttpClient, connectHttpClient, mcpHeaders } from './helpers/http-client.js';
import { rawRequest } from './helpers/raw-http.js';

const TOKEN = 'stateless-token-0123456789';

interface Instance {
  http: RunningHttpServer;
  runner: FakeRunner;
  store: SqliteConversationStore;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An instance of the server with its own store connection to the shared database file. */
async function startInstance(
  databasePath: string,
  runner: FakeRunner = createFakeRunner(),
  principals?: TokenEntry[],
): Promise<Instance> {
  const store = openSqliteStore({ path: databasePath });
  const deps = { store, runner, config: testConfig({ progress: false }) };
  const http = await startHttpServer({
    port: 0,
    ...(principals ? { principals } : { tokens: [TOKEN] }),
    stateless: true,
    createServer: () => createServer(deps),
  });
  cleanups.push(async () => {
    await http.close();
    await store.close();
  });
  return { http, runner, store };
}

function sharedDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-stateless-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'conversations.db');
}

async function alternatingClient(urls: string[]) {
  const connected = await alternatingHttpClient(urls, TOKEN);
  cleanups.push(() => connected.client.close());
  return connected;
}

const text = (result: unknown) => (result as CallToolResult).structuredContent as Record<string, unknown>;

describe('--stateless', () => {
  it('lets two instances sharing one store continue each other’s conversations', async () => {
    const database = sharedDatabase();
    const [a, b] = [await startInstance(database), await startInstance(database)];
    const { client, transport, served } = await alternatingClient([a.http.url, b.http.url]);
    expect(transport.sessionId).toBeUndefined();
    // Still the 2025-11-25 protocol, negotiated with one instance and spoken to both.
    expect(transport.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);

    const first = text(await client.callTool({ name: 'chat', arguments: { prompt: 'one' } }));
    const conversationId = first.conversationId as string;
    const second = text(
      await client.callTool({ name: 'chat', arguments: { prompt: 'two', conversationId } }),
    );
    const third = text(
      await client.callTool({ name: 'chat', arguments: { prompt: 'three', conversationId } }),
    );
    // Each reply saw the whole history, whichever instance wrote the turns before it.
    expect([first.text, second.text, third.text]).toEqual([
      'reply #1: one',
      'reply #3: two',
      'reply #5: three',
    ]);
    expect(a.runner.calls.length).toBeGreaterThan(0);
    expect(b.runner.calls.length).toBeGreaterThan(0);
    expect(a.runner.calls.length + b.runner.calls.length).toBe(3);

    const read = text(await client.callTool({ name: 'get_conversation', arguments: { conversationId } }));
    expect(read.messageCount).toBe(6);
    const listed = text(await client.callTool({ name: 'list_conversations', arguments: {} }));
    expect(listed.conversations).toEqual([expect.objectContaining({ id: conversationId, messageCount: 6 })]);
    expect(new Set(served)).toEqual(new Set([a.http.url, b.http.url]));
  });

  it('refuses a continuation written against a stale position, whichever instance wrote first', async () => {
    const database = sharedDatabase();
    const [a, b] = [await startInstance(database), await startInstance(database)];
    const first = await connectHttpClient(a.http.url, TOKEN);
    cleanups.push(() => first.client.close());
    const started = text(await first.client.callTool({ name: 'chat', arguments: { prompt: 'start' } }));
    const second = await connectHttpClient(b.http.url, TOKEN);
    cleanups.push(() => second.client.close());
    const conversationId = started.conversationId as string;
    const results = (await Promise.all(
      [first.client, second.client, first.client, second.client].map((client, index) =>
        client.callTool({ name: 'chat', arguments: { prompt: `racer ${index}`, conversationId } }),
      ),
    )) as CallToolResult[];
    const stored = await a.store.get(conversationId);
    // Every call either stored a whole turn or was refused; none lost or duplicated a turn.
    const succeeded = results.filter((result) => !result.isError).length;
    expect(stored.messageCount).toBe(2 + 2 * succeeded);
    for (const refused of results.filter((result) => result.isError)) {
      expect(JSON.stringify(refused.content)).toContain('Another client added to this conversation');
    }
  });

  it('cancels a call when the cancellation reaches the instance running it', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const instance = await startInstance(sharedDatabase(), createFakeRunner({ gate }));
    const { client } = await connectHttpClient(instance.http.url, TOKEN);
    cleanups.push(() => client.close());
    const controller = new AbortController();
    const call = client.callTool({ name: 'chat', arguments: { prompt: 'cancel me' } }, undefined, {
      signal: controller.signal,
    });
    const settled = call.then(
      () => 'answered',
      () => 'cancelled',
    );
    await instance.runner.nextCall();
    controller.abort();
    await expect.poll(() => instance.runner.aborts).toBe(1);
    release();
    expect(await settled).toBe('cancelled');
    expect((await instance.store.list()).conversations).toEqual([]);
  });

  it('loses a cancellation that reaches another instance: the call runs on and stores its turn', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const database = sharedDatabase();
    const a = await startInstance(database, createFakeRunner({ gate }));
    const b = await startInstance(database);
    const { client } = await connectHttpClient(a.http.url, TOKEN);
    cleanups.push(() => client.close());
    const call = client.callTool({ name: 'chat', arguments: { prompt: 'keep going' } });
    await a.runner.nextCall();
    // What a client's notifications/cancelled looks like when the balancer sends it to the other instance.
    const cancel = await rawRequest(b.http.url, {
      headers: { ...mcpHeaders(TOKEN), 'mcp-protocol-version': LATEST_PROTOCOL_VERSION },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }),
    });
    expect(cancel.status).toBe(202);
    release();
    expect(text(await call)).toMatchObject({ text: 'reply #1: keep going' });
    expect(a.runner.aborts).toBe(0);
    expect((await b.store.list()).conversations).toHaveLength(1);
  });

  it('keeps principals apart across instances', async () => {
    const database = sharedDatabase();
    const principals = [...tokenEntriesFor([TOKEN], 'alice'), ...tokenEntriesFor(['bob-0123456789'], 'bob')];
    const a = await startInstance(database, createFakeRunner(), principals);
    const b = await startInstance(database, createFakeRunner(), principals);
    const alice = await alternatingClient([a.http.url, b.http.url]);
    const started = text(await alice.client.callTool({ name: 'chat', arguments: { prompt: 'alice only' } }));
    const bob = await alternatingHttpClient([b.http.url, a.http.url], 'bob-0123456789');
    cleanups.push(() => bob.client.close());
    // Twice, so that each instance answers bob at least once.
    for (let call = 0; call < 2; call++) {
      const listed = text(await bob.client.callTool({ name: 'list_conversations', arguments: {} }));
      expect(listed).toEqual({ conversations: [] });
      const peek = (await bob.client.callTool({
        name: 'get_conversation',
        arguments: { conversationId: started.conversationId },
      })) as CallToolResult;
      expect(peek.isError).toBe(true);
    }
    const mine = text(await alice.client.callTool({ name: 'list_conversations', arguments: {} }));
    expect(mine.conversations).toEqual([expect.objectContaining({ id: started.conversationId })]);
  });

  it('answers GET and DELETE with 405: there is no session or notification stream', async () => {
    const instance = await startInstance(sharedDatabase());
    for (const method of ['GET', 'DELETE']) {
      const response = await rawRequest(instance.http.url, { method, headers: mcpHeaders(TOKEN) });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
    }
  });
});
