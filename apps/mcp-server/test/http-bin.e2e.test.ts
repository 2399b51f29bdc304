import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  type HttpBin,
  INSPECTOR_CWD,
  INSPECTOR_PATH,
  inspectorArgs,
  run,
  startHttpBin,
} from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
let server: HttpBin;
let url: string;
let token: string;
let stderr = '';

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
  // The bin prints its URL and, with BEDROCK_CHAT_MCP_TOKEN unset, a generated token on stderr.
  server = await startHttpBin({ env: emulatorEnv(emulator, home.path), until: /Authorization: Bearer \S+/ });
  stderr = server.stderr();
  url = server.url;
  token = /Authorization: Bearer (\S+)/.exec(stderr)?.[1] ?? '';
});
afterAll(async () => {
  await server.stop();
  await emulator.close();
  home.remove();
});

describe('bedrock-chat-mcp --http', () => {
  it('binds 127.0.0.1 and generates a token when none is configured', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(stderr).not.toContain('NodeVersionSupportWarning');
  });

  it('chats through the emulator with the token', async () => {
    const client = new Client({ name: 'http-e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const result = (await client.callTool({
      name: 'chat',
      arguments: { prompt: 'hi over http' },
    })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ text: 'Echo: hi over http' });
    await client.close();
  });

  it('answers 401 without the token', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('works with mcp-inspector-cli over HTTP', async () => {
    const result = await run(
      INSPECTOR_PATH,
      inspectorArgs(
        url,
        '--transport',
        'http',
        '--header',
        `Authorization: Bearer ${token}`,
        '--method',
        'tools/list',
      ),
      { env: { PATH: process.env.PATH ?? '', HOME: home.path }, cwd: INSPECTOR_CWD },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).tools).toHaveLength(4);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});
