// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of these tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMcpTools } from '../src/mcp-tool-set.js';
import { startHttpMcpServer } from './fixtures/start-http-server.mjs';

const TOKEN = 'mcp-tools-test-token-0123456789abcdef';
let emulator: Emulator;
let home: string;
let stop: () => void;
let url: string;

beforeAll(async () => {
  emulator = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'mcp-tools-http-'));
  const started = await startHttpMcpServer({ emulatorUrl: emulator.url, home, token: TOKEN });
  url = started.url;
  stop = started.stop;
});
afterAll(async () => {
  stop();
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
});

describe('our own bedrock-chat-mcp --http over Streamable HTTP', () => {
  it('connects with a header from ${VAR} and calls its chat tool', async () => {
    const set = await openMcpTools({
      servers: {
        bedrock: {
          type: 'http',
          url: '${BEDROCK_MCP_URL}',
          headers: { Authorization: 'Bearer ${BEDROCK_MCP_TOKEN}' },
        },
      },
      env: { BEDROCK_MCP_URL: url, BEDROCK_MCP_TOKEN: TOKEN },
      clientInfo: { name: 'mcp-tools-test', version: '0.0.0' },
    });
    try {
      expect(set.warnings).toEqual([]);
      expect(set.tools.map((tool) => tool.displayName)).toContain('bedrock:chat');
      const chat = set.tools.find((tool) => tool.name === 'bedrock__chat');
      const output = await chat?.execute?.(
        { prompt: 'hello over http' },
        { toolUseId: 't1', step: 1, signal: new AbortController().signal },
      );
      expect(JSON.stringify(output)).toContain('Echo: hello over http');
    } finally {
      await set.close();
    }
  });

  it('warns, without the token, that the server refused us', async () => {
    const set = await openMcpTools({
      servers: { bedrock: { type: 'http', url } },
      env: {},
      clientInfo: { name: 'mcp-tools-test', version: '0.0.0' },
    });
    expect(set.tools).toEqual([]);
    expect(set.warnings[0]).toMatch(
      /^MCP server "bedrock" is not available, its tools are left out: .*Unauthorized/,
    );
    await set.close();
  });
});
