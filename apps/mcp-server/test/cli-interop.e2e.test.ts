import { existsSync } from 'node:fs';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN_PATH, CLI_BIN_PATH, CLI_DIST_PATH, run } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';

// The CLI is built by another package; without its dist there is nothing to test against.
const cliBuilt = existsSync(CLI_DIST_PATH) && existsSync(BIN_PATH);

describe.skipIf(!cliBuilt)('conversations shared with the bedrock-chat CLI (needs apps/cli built)', () => {
  let emulator: Emulator;
  let home: ReturnType<typeof tempHome>;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator();
    home = tempHome();
    env = emulatorEnv(emulator, home.path);
  });
  afterAll(async () => {
    await emulator.close();
    home.remove();
  });

  async function askCli(args: string[]): Promise<{ text: string; conversationId: string }> {
    const result = await run(process.execPath, [CLI_BIN_PATH, 'ask', '--json', ...args], { env });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  }

  async function chatMcp(args: Record<string, unknown>): Promise<CallToolResult> {
    const client = new Client({ name: 'interop', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN_PATH], env }));
    try {
      return (await client.callTool({ name: 'chat', arguments: args })) as CallToolResult;
    } finally {
      await client.close();
    }
  }

  const lastMessageCount = () =>
    (emulator.requests.at(-1)?.body as { messages: unknown[] } | undefined)?.messages.length;

  it('continues over MCP a conversation started with `bedrock-chat ask`, and the other way round', async () => {
    const started = await askCli(['Remember: teal.']);
    expect(started.text).toBe('Echo: Remember: teal.');

    const viaMcp = await chatMcp({ prompt: 'What colour?', conversationId: started.conversationId });
    expect(viaMcp.structuredContent).toMatchObject({ conversationId: started.conversationId });
    expect(lastMessageCount()).toBe(3);

    const viaCli = await askCli(['--conversation', started.conversationId, 'And again?']);
    expect(viaCli.conversationId).toBe(started.conversationId);
    expect(lastMessageCount()).toBe(5);
  });

  it('continues in the CLI a conversation started over MCP', async () => {
    const started = await chatMcp({ prompt: 'Started over MCP' });
    const { conversationId } = started.structuredContent as { conversationId: string };
    const viaCli = await askCli(['--conversation', conversationId, 'Continued in the CLI']);
    expect(viaCli.conversationId).toBe(conversationId);
    expect(lastMessageCount()).toBe(3);
  });
});
