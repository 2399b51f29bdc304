import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { openSqliteStore } from '@bedrock-chat/core/sqlite';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN_PATH, exitOf, run, startHttpBin } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';
import { connectHttpClient } from './helpers/http-client.js';

const ALICE = 'alice-token-0123456789abcdef';
const ALICE_NEW = 'alice-rotated-0123456789abcdef';
const BOB = 'bob-token-0123456789abcdef';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
  // Reachable by nobody (the permission cases run as nobody: root ignores file modes).
  chmodSync(home.path, 0o755);
});
afterAll(async () => {
  await emulator.close();
  home.remove();
});

function tokensFile(name: string, content: string, mode = 0o600): string {
  const path = join(home.path, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

const validFile = () =>
  tokensFile(
    'tokens.json',
    JSON.stringify({ alice: [sha256(ALICE), sha256(ALICE_NEW)], bob: [sha256(BOB)] }),
  );

/** Runs the bin with `--http --port 0` and arguments that make it stop at start. */
const runHttp = (args: string[], env: Record<string, string> = {}, asNobody = false) => {
  const command = [process.execPath, BIN_PATH, '--http', '--port', '0', ...args];
  const argv = asNobody
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...command]
    : command;
  return run(argv[0] ?? '', argv.slice(1), { env: { ...emulatorEnv(emulator, home.path), ...env } });
};

describe('bedrock-chat-mcp --http --tokens', () => {
  it('serves the principals of the file and says how many, never a token or a hash', async () => {
    const server = await startHttpBin({
      args: ['--tokens', validFile()],
      env: emulatorEnv(emulator, home.path),
      until: /from the tokens file/,
    });
    try {
      expect(server.stderr()).toContain('2 principal(s), 3 token(s) from the tokens file');
      const { client } = await connectHttpClient(server.url, ALICE);
      const result = (await client.callTool({
        name: 'chat',
        arguments: { prompt: 'hello team' },
      })) as CallToolResult;
      expect(result.structuredContent).toMatchObject({ text: 'Echo: hello team' });
      await client.close();
      const refused = await fetch(server.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${sha256(ALICE)}`, 'content-type': 'application/json' },
        body: '{}',
      });
      // The hash is not a token: whoever reads the file cannot log in with it.
      expect(refused.status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    for (const secret of [ALICE, BOB, sha256(ALICE), sha256(BOB)])
      expect(server.stderr()).not.toContain(secret);
  });

  it('also takes the file from BEDROCK_CHAT_MCP_TOKENS_FILE', async () => {
    const server = await startHttpBin({
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKENS_FILE: validFile() },
      until: /from the tokens file/,
    });
    expect(server.stderr()).toContain('2 principal(s)');
    expect(server.stderr()).not.toContain('generated token');
    expect(await server.stop()).toBe(0);
  });

  it.each([
    ['not JSON', '{"alice": [', /Tokens file .*tokens-bad\.json is not JSON/],
    ['a plain token', '{"alice": ["alice-token"]}', /"alice"\[0\]: must be the hex SHA-256 of a token/],
  ])('stops at start with exit 2 for %s', async (_case, content, message) => {
    const path = tokensFile('tokens-bad.json', content);
    const result = await runHttp(['--tokens', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Run bedrock-chat-mcp --help for usage.');
  });

  it('refuses a file its group can write, and one it cannot read', async () => {
    const writable = await runHttp(['--tokens', tokensFile('tokens-gw.json', '{}', 0o660)]);
    expect(writable.code).toBe(2);
    expect(writable.stderr).toMatch(/writable by its group: .*chmod 600/);
    const unreadable = await runHttp(['--tokens', tokensFile('tokens-root.json', '{}', 0o600)], {}, true);
    expect(unreadable.code, unreadable.stderr).toBe(2);
    expect(unreadable.stderr).toMatch(/tokens-root\.json is not readable by this user/);
  });

  it('refuses a 0600 file in a directory anyone can write (no sticky bit), as root and as another user', async () => {
    const open = join(home.path, 'open-dir');
    mkdirSync(open);
    chmodSync(open, 0o777);
    // 0644 so that nobody can read it and reach the directory check (root reads anything).
    for (const [mode, asNobody] of [
      [0o600, false],
      [0o644, true],
    ] as const) {
      const path = tokensFile(
        `open-dir/tokens-${mode.toString(8)}.json`,
        JSON.stringify({ alice: [sha256(ALICE)] }),
        mode,
      );
      const result = await runHttp(['--tokens', path], {}, asNobody);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`is in ${open}, which anyone can write (and it has no sticky bit)`);
      expect(result.stderr).toContain(`chmod go-w ${open}`);
    }
  });

  it('refuses BEDROCK_CHAT_MCP_TOKEN next to a tokens file', async () => {
    const result = await runHttp(['--tokens', validFile()], {
      BEDROCK_CHAT_MCP_TOKEN: 'loose-token-0123456789',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('BEDROCK_CHAT_MCP_TOKEN and a tokens file are both set');
    expect(result.stderr).not.toContain('loose-token');
  });
});

describe('bedrock-chat-mcp --http --tokens, per-user isolation', () => {
  it('keeps principals apart, and a principal’s conversations across a token rotation and a restart', async () => {
    const env = emulatorEnv(emulator, home.path);
    const path = tokensFile(
      'tokens-rotate.json',
      JSON.stringify({ alice: [sha256(ALICE)], bob: [sha256(BOB)] }),
    );
    const listIds = async (url: string, token: string) => {
      const { client } = await connectHttpClient(url, token);
      const listed = (await client.callTool({ name: 'list_conversations', arguments: {} })) as CallToolResult;
      await client.close();
      return (listed.structuredContent as { conversations: { id: string }[] }).conversations.map((c) => c.id);
    };

    const first = await startHttpBin({ args: ['--tokens', path], env });
    let conversationId: string;
    try {
      const { client } = await connectHttpClient(first.url, ALICE);
      const result = (await client.callTool({
        name: 'chat',
        arguments: { prompt: 'before rotation' },
      })) as CallToolResult;
      conversationId = (result.structuredContent as { conversationId: string }).conversationId;
      await client.close();
      expect(await listIds(first.url, BOB)).not.toContain(conversationId);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    // Rotation: the old token's hash leaves the file, the new one joins under the same principal.
    tokensFile('tokens-rotate.json', JSON.stringify({ alice: [sha256(ALICE_NEW)], bob: [sha256(BOB)] }));
    const second = await startHttpBin({ args: ['--tokens', path], env });
    try {
      const old = await fetch(second.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(old.status).toBe(401);
      expect(await listIds(second.url, ALICE_NEW)).toContain(conversationId);
      const { client } = await connectHttpClient(second.url, ALICE_NEW);
      const continued = (await client.callTool({
        name: 'chat',
        arguments: { prompt: 'after rotation', conversationId },
      })) as CallToolResult;
      await client.close();
      expect(continued.structuredContent).toMatchObject({ conversationId, text: 'Echo: after rotation' });
      expect(await listIds(second.url, BOB)).not.toContain(conversationId);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

/**
 * Starts the bin, makes a `chat` call that the emulator holds for `ttftMs`, sends SIGTERM once the
 * call has reached the model, and returns the call's result, the exit code and the server's log.
 */
async function sigtermDuringCall(options: { env: Record<string, string>; ttftMs: number; prompt: string }) {
  const token = 'sigterm-token-0123456789';
  const server = await startHttpBin({
    env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: token, ...options.env },
  });
  emulator.clearRequests();
  emulator.setDefaults({ ttftMs: options.ttftMs });
  try {
    const { client } = await connectHttpClient(server.url, token);
    const call = client.callTool({
      name: 'chat',
      arguments: { prompt: options.prompt },
    }) as Promise<CallToolResult>;
    await expect.poll(() => emulator.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    const result = await call;
    const code = await exitOf(server.child);
    await client.close();
    return { result, code, stderr: server.stderr() };
  } finally {
    emulator.reset();
    await server.stop();
  }
}

describe('bedrock-chat-mcp --http on SIGTERM', () => {
  it('on a second signal, fails the call in flight at once (no client left waiting), then exits 143', async () => {
    const token = 'sigterm-token-0123456789';
    const server = await startHttpBin({
      env: { ...emulatorEnv(emulator, home.path), BEDROCK_CHAT_MCP_TOKEN: token },
    });
    emulator.setDefaults({ ttftMs: 30_000 });
    emulator.clearRequests();
    try {
      const { client } = await connectHttpClient(server.url, token);
      const call = client.callTool({ name: 'chat', arguments: { prompt: 'never finished' } });
      await expect.poll(() => emulator.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      await expect
        .poll(() => server.stderr(), { timeout: 10_000 })
        .toContain('shutting down: no new requests');
      server.child.kill('SIGTERM');
      // Well inside the test's timeout and far from the client's 60 s one: the failure is immediate.
      const result = (await call) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('This server is shutting down');
      expect(await exitOf(server.child)).toBe(143);
      await client.close();
    } finally {
      emulator.reset();
      await server.stop();
    }
  }, 15_000);

  it('finishes the call in flight, stores it, then exits 0', async () => {
    // Slow enough that the signal arrives while the model is still "thinking".
    const { result, code, stderr } = await sigtermDuringCall({
      env: {},
      ttftMs: 1_500,
      prompt: 'finish before exit',
    });
    expect(result.structuredContent).toMatchObject({ text: 'Echo: finish before exit' });
    expect(code).toBe(0);
    expect(stderr).toContain('shut down: 1 call(s) finished, 0 stopped, 0 cut off');
    const store = openSqliteStore({ env: { BEDROCK_CHAT_HOME: home.path } });
    const { conversations } = await store.list();
    await store.close();
    expect(conversations.some((conversation) => conversation.title.includes('finish before exit'))).toBe(
      true,
    );
  });

  it('with a short BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS, answers a call still running that the server is shutting down', async () => {
    // Far slower than the grace period: the call is still waiting for the model when it ends.
    const { result, code, stderr } = await sigtermDuringCall({
      env: { BEDROCK_CHAT_MCP_SHUTDOWN_GRACE_MS: '0' },
      ttftMs: 30_000,
      prompt: 'too slow to finish',
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('This server is shutting down');
    expect(code).toBe(0);
    expect(stderr).toContain('shut down: 0 call(s) finished, 1 stopped, 0 cut off');
  });
});
