import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { type DynamoLocal, startDynamoLocal } from '@bedrock-chat/core/testing';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_BIN_PATH, type HttpBin, run, startHttpBin } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';
import { alternatingHttpClient } from './helpers/http-client.js';

/**
 * What a team deploys: two `bedrock-chat-mcp --http --stateless` processes with one tokens file,
 * both on one DynamoDB table (DynamoDB Local), behind a round-robin balancer; two principals.
 */
const ALICE = 'alice-team-token-0123456789';
const BOB = 'bob-team-token-0123456789';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

let local: DynamoLocal;
let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
let env: Record<string, string>;
let store: string;
let instances: HttpBin[] = [];

beforeAll(async () => {
  assertBuilt();
  [local, emulator] = await Promise.all([startDynamoLocal(), startEmulator()]);
  home = tempHome();
  const tokens = join(home.path, 'tokens.json');
  writeFileSync(tokens, JSON.stringify({ alice: [sha256(ALICE)], bob: [sha256(BOB)] }));
  chmodSync(tokens, 0o600);
  store = `dynamodb://${await local.createTable()}`;
  env = { ...emulatorEnv(emulator, home.path), ...local.env };
  instances = await Promise.all(
    [0, 1].map(() =>
      startHttpBin({ args: ['--stateless', '--tokens', tokens, '--store', store], env, until: /principal/ }),
    ),
  );
}, 90_000);
afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await emulator?.close();
  await local?.stop();
  home?.remove();
});

type Client = Awaited<ReturnType<typeof alternatingHttpClient>>['client'];
const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { isError: result.isError === true, value: result.structuredContent as Record<string, unknown> };
};

describe('two bedrock-chat-mcp processes on one DynamoDB table with a tokens file', () => {
  it('continue each principal’s conversations across both and keep the principals apart', async () => {
    const urls = instances.map((instance) => instance.url);
    const alice = await alternatingHttpClient(urls, ALICE);
    const bob = await alternatingHttpClient([...urls].reverse(), BOB);
    try {
      const first = (await call(alice.client, 'chat', { prompt: 'alice one' })).value;
      const conversationId = first.conversationId as string;
      await call(alice.client, 'chat', { prompt: 'alice two', conversationId });
      const bobs = (await call(bob.client, 'chat', { prompt: 'bob one' })).value;
      expect(new Set(alice.served).size).toBe(2);

      const read = (await call(alice.client, 'get_conversation', { conversationId })).value;
      expect((read.messages as { text: string }[]).map((message) => message.text)).toEqual([
        'alice one',
        'Echo: alice one',
        'alice two',
        'Echo: alice two',
      ]);
      const listed = (client: Client) =>
        call(client, 'list_conversations').then(({ value }) =>
          (value.conversations as { id: string }[]).map((conversation) => conversation.id),
        );
      expect(await listed(alice.client)).toEqual([conversationId]);
      expect(await listed(bob.client)).toEqual([bobs.conversationId]);
      // Another principal's conversation is not there for Bob, on either instance.
      for (let attempt = 0; attempt < 2; attempt++) {
        expect((await call(bob.client, 'get_conversation', { conversationId })).isError).toBe(true);
        expect((await call(bob.client, 'chat', { prompt: 'mine now', conversationId })).isError).toBe(true);
      }
      expect((await call(alice.client, 'get_conversation', { conversationId })).value.messageCount).toBe(4);

      // The CLI on the same table acts as the local user: neither Alice's nor Bob's.
      const cli = await run(
        process.execPath,
        [CLI_BIN_PATH, 'conversations', 'list', '--json', '--store', store],
        {
          env,
        },
      );
      expect(cli).toMatchObject({ code: 0, stdout: '[]\n' });
      const shown = await run(
        process.execPath,
        [CLI_BIN_PATH, 'conversations', 'show', conversationId, '--store', store],
        {
          env,
        },
      );
      expect(shown.code).toBe(2);
      expect(shown.stderr).toContain(`No conversation with id ${conversationId}.`);
    } finally {
      await alice.client.close();
      await bob.client.close();
    }
  });
});
