import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type HttpBin, startHttpBin } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';
import { alternatingHttpClient } from './helpers/http-client.js';

const TOKEN = 'stateless-e2e-token-0123456789';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
let instances: HttpBin[] = [];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
  // Two processes, one store (BEDROCK_CHAT_HOME): what two containers sharing a table look like.
  const env = { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: TOKEN };
  instances = await Promise.all([0, 1].map(() => startHttpBin({ args: ['--stateless'], env })));
});
afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await emulator.close();
  home.remove();
});

describe('bedrock-chat-mcp --http --stateless, two instances', () => {
  it('says it is stateless', () => {
    for (const instance of instances) expect(instance.stderr()).toMatch(/listening on \S+ \(stateless, /);
  });

  it('serves one client whose requests alternate between them', async () => {
    const { client, transport, served } = await alternatingHttpClient(
      instances.map((instance) => instance.url),
      TOKEN,
    );
    expect(transport.sessionId).toBeUndefined();
    const structured = async (name: string, args: Record<string, unknown>) =>
      ((await client.callTool({ name, arguments: args })) as CallToolResult).structuredContent as Record<
        string,
        unknown
      >;
    const first = await structured('chat', { prompt: 'first over two' });
    const conversationId = first.conversationId as string;
    await structured('chat', { prompt: 'second over two', conversationId });
    await structured('chat', { prompt: 'third over two', conversationId });
    const read = await structured('get_conversation', { conversationId });
    expect((read.messages as { text: string }[]).map((message) => message.text)).toEqual([
      'first over two',
      'Echo: first over two',
      'second over two',
      'Echo: second over two',
      'third over two',
      'Echo: third over two',
    ]);
    expect(new Set(served).size).toBe(2);
    await client.close();
  });

  it('stops each on SIGTERM with exit 0', async () => {
    for (const instance of instances) expect(await instance.stop()).toBe(0);
  });
});
