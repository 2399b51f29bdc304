import { type DynamoConversationStore, openDynamoStore } from '@bedrock-chat/core/dynamodb';
// DynamoDB Local (AWS's own implementation), in memory on a free port, as core's store tests run it.
import { type DynamoLocal, startDynamoLocal } from '@bedrock-chat/core/testing';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/create-server.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/http-server.js';
import { tokenEntriesFor } from '../src/http/request-guards.js';
import { testConfig } from './helpers/connect.js';
import { createFakeRunner, type FakeRunner } from './helpers/fake-runner.js';
import { alternatingHttpClient } from './helpers/http-client.js';

const ALICE = 'alice-dynamo-0123456789';
const BOB = 'bob-dynamo-0123456789';
const PRINCIPALS = [...tokenEntriesFor([ALICE], 'alice'), ...tokenEntriesFor([BOB], 'bob')];

interface Instance {
  http: RunningHttpServer;
  runner: FakeRunner;
  store: DynamoConversationStore;
}

let local: DynamoLocal;
let instances: Instance[] = [];

beforeAll(async () => {
  local = await startDynamoLocal();
  const table = await local.createTable();
  // Two instances, each with its own DynamoDB client, sharing one table: two containers.
  instances = await Promise.all(
    [0, 1].map(async () => {
      const store = openDynamoStore({ url: `dynamodb://${table}`, env: local.env });
      const runner = createFakeRunner();
      const deps = { store, runner, config: testConfig({ progress: false }) };
      const http = await startHttpServer({
        port: 0,
        principals: PRINCIPALS,
        stateless: true,
        createServer: () => createServer(deps),
      });
      return { http, runner, store };
    }),
  );
}, 60_000);
afterAll(async () => {
  for (const instance of instances) {
    await instance.http.close();
    await instance.store.close();
  }
  await local?.stop();
});

const structured = async (
  client: { callTool: (request: { name: string; arguments: Record<string, unknown> }) => Promise<unknown> },
  name: string,
  args: Record<string, unknown> = {},
) => {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { result, value: result.structuredContent as Record<string, unknown> };
};

describe('two --stateless instances sharing one DynamoDB table (DynamoDB Local)', () => {
  it('continue each other’s conversations for one client alternating between them, and keep principals apart', async () => {
    const urls = instances.map((instance) => instance.http.url);
    const alice = await alternatingHttpClient(urls, ALICE);
    const bob = await alternatingHttpClient([...urls].reverse(), BOB);
    try {
      const first = (await structured(alice.client, 'chat', { prompt: 'one' })).value;
      const conversationId = first.conversationId as string;
      const second = (await structured(alice.client, 'chat', { prompt: 'two', conversationId })).value;
      const third = (await structured(alice.client, 'chat', { prompt: 'three', conversationId })).value;
      expect([first.text, second.text, third.text]).toEqual([
        'reply #1: one',
        'reply #3: two',
        'reply #5: three',
      ]);
      expect(instances.every((instance) => instance.runner.calls.length > 0)).toBe(true);
      const read = (await structured(alice.client, 'get_conversation', { conversationId })).value;
      expect(read.messageCount).toBe(6);

      for (let call = 0; call < 2; call++) {
        expect((await structured(bob.client, 'list_conversations')).value).toEqual({ conversations: [] });
        const peek = await structured(bob.client, 'get_conversation', { conversationId });
        expect(peek.result.isError).toBe(true);
        const hijack = await structured(bob.client, 'chat', { prompt: 'mine now', conversationId });
        expect(hijack.result.isError).toBe(true);
      }
      expect(
        (await structured(alice.client, 'get_conversation', { conversationId })).value.messageCount,
      ).toBe(6);
    } finally {
      await alice.client.close();
      await bob.client.close();
    }
  });

  it('never loses or duplicates a turn when continuations race across the instances', async () => {
    const urls = instances.map((instance) => instance.http.url);
    const alice = await alternatingHttpClient(urls, ALICE);
    try {
      const started = (await structured(alice.client, 'chat', { prompt: 'race start' })).value;
      const conversationId = started.conversationId as string;
      const racers = await Promise.all(
        [0, 1, 2, 3].map((index) =>
          structured(alice.client, 'chat', { prompt: `racer ${index}`, conversationId }),
        ),
      );
      const won = racers.filter((racer) => !racer.result.isError).length;
      const read = (await structured(alice.client, 'get_conversation', { conversationId })).value;
      // Every call stored a whole turn or nothing: never a lost, duplicated or half-written turn.
      expect(read.messageCount).toBe(2 + 2 * won);
      expect(won).toBeGreaterThanOrEqual(1);
      for (const racer of racers.filter((candidate) => candidate.result.isError)) {
        expect(JSON.stringify(racer.result.content)).toContain('Another client added to this conversation');
      }
    } finally {
      await alice.client.close();
    }
  });
});
