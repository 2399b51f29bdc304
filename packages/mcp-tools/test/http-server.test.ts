// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references are the subject of these tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMcpTools } from '../src/mcp-tool-set.js';
import { MCP_SERVER_BIN } from './servers.js';

const TOKEN = 'mcp-tools-test-token-0123456789abcdef';
let emulator: Emulator;
let home: string;
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  emulator = await startEmulator();
  home = mkdtempSync(join(tmpdir(), 'mcp-tools-http-'));
  server = spawn(process.execPath, [MCP_SERVER_BIN, '--http', '--port', '0'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      BEDROCK_CHAT_HOME: home,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url,
      AWS_ENDPOINT_URL_BEDROCK: emulator.url,
      AWS_BEARER_TOKEN_BEDROCK: 'test',
      AWS_REGION: 'us-east-1',
      BEDROCK_CHAT_MCP_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    server.once('exit', (code) => reject(new Error(`bedrock-chat-mcp exited with ${code}: ${stderr}`)));
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(stderr);
      if (listening?.[1]) resolve(listening[1]);
    });
  });
});
afterAll(async () => {
  server.kill('SIGTERM');
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
