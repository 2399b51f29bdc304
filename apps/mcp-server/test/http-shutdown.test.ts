import { createMemoryStore } from '@bedrock-chat/core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import type { ServerDeps } from '../src/server-deps.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner } from './helpers/fake-runner.js';
import { connectHttpClient } from './helpers/http-client.js';
import { rawRequest } from './helpers/raw-http.js';

const TOKEN = 'shutdown-token-0123456789';

let running: RunningHttpServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A server whose model answers only once `release()` is called. */
async function startGated() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const runner = createFakeRunner({ gate });
  const stopping = new AbortController();
  const deps: ServerDeps = {
    store: createMemoryStore(),
    runner,
    config: testConfig({ progress: false }),
    stopping: stopping.signal,
  };
  running = await startHttpServer({ port: 0, tokens: [TOKEN], createServer: () => createServer(deps) });
  return { http: running, runner, deps, release, stop: () => stopping.abort() };
}

describe('graceful shutdown', () => {
  it('stops accepting, lets the call in flight finish and store its turn, then closes', async () => {
    const { http, runner, deps, release } = await startGated();
    const { client } = await connectHttpClient(http.url, TOKEN);
    const call = client.callTool({
      name: 'chat',
      arguments: { prompt: 'finish me' },
    }) as Promise<CallToolResult>;
    await runner.nextCall();

    const shutdown = http.shutdown({ graceMs: 60_000 });
    // The listener stays open while the call runs: a health check on a new connection gets 503
    // (the balancer takes the instance out), a new call 503 with retry-after.
    const health = await rawRequest(http.url.replace('/mcp', '/healthz'), { method: 'GET' });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: 'shutting down' });
    const refused = await rawRequest(http.url, { headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    release();
    const result = await call;
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ text: 'reply #1: finish me' });
    expect(await shutdown).toEqual({ finished: 1, stopped: 0, aborted: 0 });
    const { conversations } = await deps.store.list();
    expect(conversations.map((conversation) => conversation.messageCount)).toEqual([2]);
    await client.close();
    // Once the calls have ended the port is closed.
    await expect(rawRequest(http.url.replace('/mcp', '/healthz'), { method: 'GET' })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it('at the end of the grace period, stops a chat still running: it answers "shutting down", nothing saved', async () => {
    const { http, runner, deps, stop } = await startGated();
    const { client } = await connectHttpClient(http.url, TOKEN);
    const call = client.callTool({
      name: 'chat',
      arguments: { prompt: 'too slow' },
    }) as Promise<CallToolResult>;
    await runner.nextCall();
    expect(await http.shutdown({ graceMs: 1, onGraceEnd: stop })).toEqual({
      finished: 0,
      stopped: 1,
      aborted: 0,
    });
    const result = await call;
    expect(result.isError).toBe(true);
    const [block] = result.content;
    expect(block?.type === 'text' ? block.text : '').toMatch(
      /^This server is shutting down and stopped the call before Bedrock answered\.\nHint: Call again in a moment.*Nothing was saved/s,
    );
    expect((await deps.store.list()).conversations).toEqual([]);
    await client.close();
  });

  it('cuts off what is still running without onGraceEnd, storing nothing for it', async () => {
    const { http, runner, deps } = await startGated();
    const { client } = await connectHttpClient(http.url, TOKEN);
    const call = client.callTool({ name: 'chat', arguments: { prompt: 'never answered' } });
    const settled = call.then(
      () => 'answered',
      () => 'failed',
    );
    await runner.nextCall();
    expect(await http.shutdown({ graceMs: 1 })).toEqual({ finished: 0, stopped: 0, aborted: 1 });
    expect((await deps.store.list()).conversations).toEqual([]);
    // The SDK client waits on a cut stream (it would time out); closing it fails the call.
    await client.close();
    expect(await settled).toBe('failed');
  });

  it('returns at once when nothing is in flight', async () => {
    const { http } = await startGated();
    const { client } = await connectHttpClient(http.url, TOKEN);
    await client.listTools();
    expect(await http.shutdown({ graceMs: 60_000 })).toEqual({ finished: 0, stopped: 0, aborted: 0 });
    await client.close();
  });
});
