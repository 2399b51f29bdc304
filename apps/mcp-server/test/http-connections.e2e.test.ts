import { connect as connectTcp } from 'node:net';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN_PATH, type HttpBin, run, startHttpBin } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';

// The descriptor-exhaustion repro, made cheap: the server runs with 256 descriptors instead of
// the ~21,000 it took to exhaust a default limit, and a cap of 50 connections. Without the cap,
// 300 idle connections leave it unable to accept the client's (0 of 50 calls answered).
const DESCRIPTORS = 256;
const CAP = 50;
const IDLE_CONNECTIONS = 300;
const TOKEN = 'legit-token-0123456789';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
let server: HttpBin;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
  server = await startHttpBin({
    args: ['--max-connections', String(CAP)],
    env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: TOKEN },
    wrap: (argv) => ['sh', ['-c', `ulimit -n ${DESCRIPTORS} && exec "$0" "$@"`, ...argv]],
  });
});
afterAll(async () => {
  await server.stop();
  await emulator.close();
  home.remove();
});

/** Opens IDLE_CONNECTIONS idle sockets, then counts the chat calls a client with the token gets answered. */
async function floodThenCall(url: string, cap: number): Promise<number> {
  const { hostname, port } = new URL(url);
  let closedByServer = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: IDLE_CONNECTIONS },
      () =>
        new Promise<ReturnType<typeof connectTcp>>((resolve) => {
          const socket = connectTcp(Number(port), hostname);
          socket.on('error', () => {});
          socket.resume();
          socket.once('close', () => {
            closedByServer += 1;
          });
          socket.once('connect', () => resolve(socket));
          socket.once('close', () => resolve(socket));
        }),
    ),
  );
  try {
    await expect.poll(() => closedByServer).toBeGreaterThanOrEqual(IDLE_CONNECTIONS - cap);

    const client = new Client({ name: 'legit', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      }),
    );
    let answered = 0;
    for (let index = 0; index < 50; index++) {
      const result = (await client.callTool({
        name: 'chat',
        arguments: { prompt: `call ${index}` },
      })) as CallToolResult;
      if (result.structuredContent && !result.isError) answered += 1;
    }
    await client.close();
    return answered;
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

describe('bedrock-chat-mcp --http under a flood of idle connections', () => {
  it('keeps at most --max-connections open and serves every call of a client with a token', async () => {
    expect(await floodThenCall(server.url, CAP)).toBe(50);
  });
});

describe('bedrock-chat-mcp --http whose open-file limit is below the connection cap', () => {
  // Headroom the server keeps (src/http/descriptor-limit.ts): the default cap of 1,000 becomes 192.
  const FITTED_CAP = DESCRIPTORS - 64;

  it('lowers the default cap to fit, says so, and still serves a client with a token through the flood', async () => {
    const limited = await startHttpBin({
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: TOKEN },
      wrap: (argv) => ['sh', ['-c', `ulimit -n ${DESCRIPTORS} && exec "$0" "$@"`, ...argv]],
    });
    try {
      expect(limited.stderr()).toContain(
        `warning: HTTP connections are capped at ${FITTED_CAP}, not 1000: the open-file limit (ulimit -n) is ${DESCRIPTORS}`,
      );
      expect(await floodThenCall(limited.url, FITTED_CAP)).toBe(50);
    } finally {
      await limited.stop();
    }
  });

  it.each([
    [['--max-connections', '5000'], {}, '--max-connections 5000'],
    [[], { BEDROCK_CHAT_MCP_MAX_CONNECTIONS: '5000' }, 'BEDROCK_CHAT_MCP_MAX_CONNECTIONS 5000'],
  ])('refuses an explicit cap above it with exit code 2 (%j %j)', async (args, env, named) => {
    const result = await run(
      'sh',
      ['-c', `ulimit -n ${DESCRIPTORS} && exec "$0" "$@"`, process.execPath, BIN_PATH, '--http', ...args],
      { env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: TOKEN, ...env } },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${named} does not fit: the open-file limit (ulimit -n) is ${DESCRIPTORS} and 64 descriptors are kept`,
    );
    expect(result.stderr).toContain(`Use at most ${FITTED_CAP}, or raise the limit.`);
  });
});
