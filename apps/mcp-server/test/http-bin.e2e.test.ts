import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  BIN_PATH,
  type HttpBin,
  INSPECTOR_CWD,
  INSPECTOR_PATH,
  inspectorArgs,
  run,
  startHttpBin,
} from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';
import { mcpHeaders } from './helpers/http-client.js';
import { rawRequest } from './helpers/raw-http.js';

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

describe('bedrock-chat-mcp --http, a store it cannot write', () => {
  it('gives advice that applies to it (no CLI flag)', async () => {
    const result = await run(process.execPath, [BIN_PATH, '--http', '--port', '0'], {
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_HOME: '/proc/nope' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot write the conversation store at /proc/nope/conversations.db');
    expect(result.stderr).toContain('or set BEDROCK_CHAT_HOME to one that is.');
    expect(result.stderr).not.toContain('--no-save');
  });
});

describe('bedrock-chat-mcp --http --host 0.0.0.0', () => {
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
  });
  const byAddress = (url: string) => ({
    ...mcpHeaders('lb-token-0123456789abcdef'),
    host: `192.0.2.2:${new URL(url).port}`,
  });

  it('warns that clients connecting by another name or address need BEDROCK_CHAT_MCP_ALLOWED_HOSTS, and the 403 names it', async () => {
    const env = { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: 'lb-token-0123456789abcdef' };
    const open = await startHttpBin({
      args: ['--stateless', '--host', '0.0.0.0'],
      env,
      until: /ALLOWED_HOSTS/,
    });
    try {
      expect(open.stderr()).toContain(
        'warning: BEDROCK_CHAT_MCP_ALLOWED_HOSTS is unset: requests whose Host is another name or address get 403 (localhost, 127.0.0.1, [::1] pass)',
      );
      const refused = await rawRequest(open.url, { headers: byAddress(open.url), body: initialize });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('BEDROCK_CHAT_MCP_ALLOWED_HOSTS');
      expect(refused.body).not.toContain('192.0.2.2');
    } finally {
      expect(await open.stop()).toBe(0);
    }
    const listed = await startHttpBin({
      args: ['--stateless', '--host', '0.0.0.0'],
      env: { ...env, BEDROCK_CHAT_MCP_ALLOWED_HOSTS: '192.0.2.2' },
    });
    try {
      const accepted = await rawRequest(listed.url, { headers: byAddress(listed.url), body: initialize });
      expect(accepted.status, accepted.body).toBe(200);
    } finally {
      expect(await listed.stop()).toBe(0);
    }
    // Read once it has exited: every line it wrote is in.
    expect(listed.stderr()).toContain('reachable from other machines');
    expect(listed.stderr()).not.toContain('ALLOWED_HOSTS is unset');
  });
});
