import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../src/version.js';
import { assertBuilt, BIN_PATH, exitOf, run } from './helpers/bin.js';
import { emulatorEnv, tempHome } from './helpers/emulator-env.js';
import { chatCall, spawnRawStdio } from './helpers/raw-stdio.js';

let emulator: Emulator;
let home: ReturnType<typeof tempHome>;
const open: Client[] = [];

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
  home = tempHome();
});
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
});
afterAll(async () => {
  await emulator.close();
  home.remove();
});

async function spawnServer(extraEnv: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN_PATH],
    env: { ...emulatorEnv(emulator, home.path), ...extraEnv },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'stdio-e2e', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  open.push(client);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { client, call, errors, stderr: () => stderr };
}

describe('bedrock-chat-mcp over stdio', () => {
  it('lists the tools and chats through the emulator', async () => {
    const server = await spawnServer();
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'chat',
      'list_conversations',
      'get_conversation',
      'list_models',
    ]);
    const result = await server.call('chat', { prompt: 'hi over stdio' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ text: 'Echo: hi over stdio', stopReason: 'end_turn' });
    expect(server.errors).toEqual([]);
    expect(server.stderr()).not.toContain('NodeVersionSupportWarning');
  });

  it('answers in the shape of responseSchema, which the client validates, and refuses a bad one', async () => {
    const server = await spawnServer();
    await server.client.listTools();
    const responseSchema = {
      type: 'object',
      properties: { answer: { type: 'string', enum: ['yes', 'no'] } },
    };
    const result = await server.call('chat', { prompt: 'Is it?', responseSchema });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ object: { answer: 'yes' }, text: '{"answer":"yes"}' });
    const refused = await server.call('chat', { prompt: 'Is it?', responseSchema: { type: 'string' } });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toMatchObject({
      text: expect.stringContaining('The schema must describe an object at its top level'),
    });
    expect(server.errors).toEqual([]);
  });

  it('continues a conversation across a server restart', async () => {
    const first = await spawnServer();
    const started = await first.call('chat', { prompt: 'Remember the word: lantern.' });
    const { conversationId } = started.structuredContent as { conversationId: string };
    await first.client.close();

    const second = await spawnServer();
    emulator.clearRequests();
    const continued = await second.call('chat', { prompt: 'Which word?', conversationId });
    expect(continued.structuredContent).toMatchObject({ conversationId });
    const body = emulator.requests[0]?.body as { messages: unknown[] };
    expect(body.messages).toHaveLength(3);
    const listed = await second.call('list_conversations', { limit: 5 });
    expect(JSON.stringify(listed.structuredContent)).toContain(conversationId);
  });

  it("lists the region's models from Bedrock, narrowed to the allowlist", async () => {
    const server = await spawnServer({ BEDROCK_CHAT_MCP_ALLOWED_MODELS: 'haiku' });
    const chat = (await server.client.listTools()).tools.find((tool) => tool.name === 'chat');
    expect(JSON.stringify(chat?.inputSchema.properties?.model)).toContain('allows only: haiku');
    const result = await server.call('list_models', {});
    const output = result.structuredContent as { note?: string; models: { modelId: string }[] };
    expect(output.note).toBeUndefined();
    expect(output.models.map((model) => model.modelId)).toContain('us.anthropic.claude-haiku-5-5');
    for (const model of output.models) expect(model.modelId).toContain('haiku');
  });

  it('under the allowlist haiku, takes every name of that model and refuses the others', async () => {
    const server = await spawnServer({ BEDROCK_CHAT_MCP_ALLOWED_MODELS: 'haiku' });
    const names = [
      'haiku',
      'HAIKU',
      'haiku-5.5',
      'claude-haiku-5-5',
      'anthropic.claude-haiku-5-5',
      'us.anthropic.claude-haiku-5-5',
    ];
    for (const model of names) {
      const result = await server.call('chat', { prompt: 'hi', model });
      expect(result.structuredContent, model).toMatchObject({ model: 'us.anthropic.claude-haiku-5-5' });
    }
    for (const model of ['sonnet', 'claude-haiku-4-5', 'us.anthropic.claude-haiku-4-5-20251001-v1:0']) {
      const result = await server.call('chat', { prompt: 'hi', model });
      expect((result.content[0] as { text: string }).text, model).toMatch(
        /is not allowed on this server \(BEDROCK_CHAT_MCP_ALLOWED_MODELS\)\.\nHint: Use one of: haiku, or omit model\./,
      );
    }
  });

  it.each([
    ['effort xhigh without thinking', { model: 'opus-4.7', effort: 'xhigh' }],
    [
      'effort xhigh with a responseSchema on a model without native structured output',
      {
        model: 'haiku',
        effort: 'xhigh',
        thinking: true,
        responseSchema: { type: 'object', properties: { a: { type: 'string' } } },
      },
    ],
  ])('%s: the hint names tool arguments, not a CLI flag or command', async (_name, args) => {
    const server = await spawnServer();
    const result = await server.call('chat', { prompt: 'hi', ...args });
    const text = (result.content[0] as { text: string }).text;
    expect(result.isError).toBe(true);
    expect(text).toContain(
      'Hint: xhigh and max need thinking: pass thinking: true, or use effort high or below.',
    );
    expect(text).not.toMatch(/`|--[a-z]|bedrock-chat /);
  });

  it('an ARN Bedrock serves only through a profile: under an allowlist the hint names the allowed models only', async () => {
    const server = await spawnServer({ BEDROCK_CHAT_MCP_ALLOWED_MODELS: 'haiku' });
    const result = await server.call('chat', {
      prompt: 'hi',
      model: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-5-5',
    });
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain('cannot be called directly on demand');
    expect(text).toContain(
      "Hint: Pass the model's inference profile id instead (list_models shows them), or a model this server allows by alias (haiku).",
    );
    expect(text).not.toMatch(/sonnet|opus|bedrock-chat /);
  });

  it('warns at start for an allowlist entry the model table does not know, and keeps it allowed', async () => {
    const server = await spawnServer({ BEDROCK_CHAT_MCP_ALLOWED_MODELS: 'haiku,nosuchmodel' });
    const { tools } = await server.client.listTools();
    const chat = tools.find((tool) => tool.name === 'chat');
    expect(JSON.stringify(chat?.inputSchema)).toContain('haiku, nosuchmodel');
    // stderr and stdout are separate pipes: the warning, written first, may be read second.
    await expect
      .poll(() => server.stderr())
      .toContain('BEDROCK_CHAT_MCP_ALLOWED_MODELS names "nosuchmodel", which is not in');
    expect(server.stderr()).not.toContain('"haiku"');
  });

  it('refuses an unknown conversation id with an isError result', async () => {
    const server = await spawnServer();
    const result = await server.call('chat', { prompt: 'hi', conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toContain('Omit conversationId');
  });

  it('aborts on cancellation and stores nothing', async () => {
    const server = await spawnServer();
    const before = await server.call('list_conversations', { limit: 100 });
    const count = (before.structuredContent as { conversations: unknown[] }).conversations.length;
    emulator.clearRequests();
    emulator.setDefaults({ ttftMs: 20_000 });
    try {
      const controller = new AbortController();
      const pending = server.client.callTool({ name: 'chat', arguments: { prompt: 'slow' } }, undefined, {
        signal: controller.signal,
      });
      await vi.waitFor(() => expect(emulator.requests).toHaveLength(1), { timeout: 15_000 });
      controller.abort('not needed any more');
      await expect(pending).rejects.toThrow();
    } finally {
      emulator.reset();
    }
    const after = await server.call('list_conversations', { limit: 100 });
    expect((after.structuredContent as { conversations: unknown[] }).conversations).toHaveLength(count);
    expect(emulator.requests[0]?.status).toBeUndefined();
  });

  it('writes only JSON-RPC to stdout and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [BIN_PATH], {
      env: emulatorEnv(emulator, home.path),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const answered = new Promise<void>((resolve, reject) => {
      reader.on('line', (line) => {
        lines.push(line);
        if (line.includes('"id":2')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before answering: ${stderr}`)));
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'chat', arguments: { prompt: 'raw' }, _meta: { progressToken: 'p' } },
    });
    await answered;
    child.stdin.end();
    expect(await exitOf(child)).toBe(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const response = lines.map((line) => JSON.parse(line)).find((message) => message.id === 2);
    expect(response.result.structuredContent.text).toBe('Echo: raw');
    // Nothing follows the result, progress included.
    expect(lines.at(-1)).toContain('"id":2');
  });

  it('finishes a call whose client closed stdin at once: the reply is written and the turn stored', async () => {
    const session = spawnRawStdio(emulatorEnv(emulator, home.path));
    session.send(chatCall(2, 'then stdin closed'));
    session.child.stdin.end();
    expect(await exitOf(session.child)).toBe(0);
    const reply = (await session.reply(2)) as { result: CallToolResult };
    expect(reply.result.structuredContent).toMatchObject({ text: 'Echo: then stdin closed' });
    const { conversationId } = reply.result.structuredContent as { conversationId: string };
    const reader = await spawnServer();
    const stored = await reader.call('get_conversation', { conversationId });
    expect(stored.structuredContent).toMatchObject({ messageCount: 2 });
  });

  it('finishes every call in flight when stdin ends, the last one written without a newline', async () => {
    emulator.setDefaults({ ttftMs: 300 });
    try {
      const session = spawnRawStdio(emulatorEnv(emulator, home.path));
      for (const id of [2, 3, 4]) session.send(chatCall(id, `in flight ${id}`));
      session.child.stdin.end(JSON.stringify(chatCall(5, 'no newline after me')));
      expect(await exitOf(session.child)).toBe(0);
      const texts = [2, 3, 4, 5].map(
        (id) =>
          (session.messages.find((message) => message.id === id)?.result as CallToolResult | undefined)
            ?.structuredContent?.text,
      );
      expect(texts).toEqual([
        'Echo: in flight 2',
        'Echo: in flight 3',
        'Echo: in flight 4',
        'Echo: no newline after me',
      ]);
    } finally {
      emulator.reset();
    }
  });

  it('after stdin ends, a call with files from a client that declared roots is answered at once: roots/list cannot be answered any more', async () => {
    const docs = tempHome();
    try {
      writeFileSync(join(docs.path, 'notes.txt'), 'notes');
      const session = spawnRawStdio(
        // A deadline longer than the test: before, the call waited for it (or the SDK's 60 s) for roots/list.
        {
          ...emulatorEnv(emulator, home.path),
          BEDROCK_CHAT_MCP_FILE_ROOTS: docs.path,
          BEDROCK_CHAT_MCP_TIMEOUT_MS: '600000',
        },
        { capabilities: { roots: {} } },
      );
      session.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'chat', arguments: { prompt: 'read it', files: [join(docs.path, 'notes.txt')] } },
      });
      session.child.stdin.end();
      expect(await exitOf(session.child)).toBe(0);
      const reply = (await session.reply(2)) as { result: CallToolResult };
      expect(reply.result.isError).toBe(true);
      expect((reply.result.content[0] as { text: string }).text).toContain(
        'roots/list failed (MCP error -32000: the client closed stdin, so it can no longer answer); no file is read without them.',
      );
    } finally {
      docs.remove();
    }
  });

  it('after stdin ends, a call still running at the chat deadline gets its timeout reply, then the server exits', async () => {
    emulator.setDefaults({ ttftMs: 20_000 });
    try {
      const session = spawnRawStdio({
        ...emulatorEnv(emulator, home.path),
        BEDROCK_CHAT_MCP_TIMEOUT_MS: '300',
      });
      session.send(chatCall(2, 'too slow'));
      session.child.stdin.end();
      expect(await exitOf(session.child)).toBe(0);
      const reply = (await session.reply(2)) as { result: CallToolResult };
      expect(reply.result.isError).toBe(true);
      expect((reply.result.content[0] as { text: string }).text).toMatch(
        /^No reply from Bedrock within 0\.3 s/,
      );
    } finally {
      emulator.reset();
    }
  });

  it('after stdin ends, list_models against a Bedrock that never replies still answers (the built-in catalogue), then the server exits', async () => {
    const silent = createNetServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const session = spawnRawStdio({
        ...emulatorEnv(emulator, home.path),
        AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}`,
        BEDROCK_CHAT_MCP_TIMEOUT_MS: '300',
      });
      session.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'list_models', arguments: {} },
      });
      session.child.stdin.end();
      expect(await exitOf(session.child)).toBe(0);
      const reply = (await session.reply(2)) as { result: CallToolResult };
      expect(reply.result.structuredContent).toMatchObject({
        note: expect.stringContaining('Bedrock did not list its models within 0.3 s'),
      });
    } finally {
      silent.close();
    }
  });

  it('after stdin ends, answers both calls of an id the client reused while the first ran', async () => {
    emulator.setDefaults({ ttftMs: 300 });
    try {
      const session = spawnRawStdio(emulatorEnv(emulator, home.path));
      session.send(chatCall(2, 'first of two'));
      session.send(chatCall(2, 'second of two'));
      session.child.stdin.end();
      expect(await exitOf(session.child)).toBe(0);
      const texts = session.messages
        .filter((message) => message.id === 2)
        .map((message) => (message.result as CallToolResult).structuredContent?.text);
      expect(texts.sort()).toEqual(['Echo: first of two', 'Echo: second of two']);
    } finally {
      emulator.reset();
    }
  });

  it('answers lines it cannot use with JSON-RPC errors and keeps serving', async () => {
    const session = spawnRawStdio(emulatorEnv(emulator, home.path));
    session.send('{"jsonrpc":"2.0","id":2,"method":"ping"');
    session.send('[{"jsonrpc":"2.0","id":3,"method":"ping"},{"jsonrpc":"2.0","id":4,"method":"ping"}]');
    session.send({ jsonrpc: '2.0', id: 5 });
    session.send({ jsonrpc: '2.0', id: 6, method: 'ping' });
    expect(await session.reply(6)).toEqual({ jsonrpc: '2.0', id: 6, result: {} });
    expect(await session.reply(null)).toMatchObject({ error: { code: -32700 } });
    expect(await session.reply(3)).toMatchObject({ error: { code: -32600 } });
    expect(await session.reply(4)).toMatchObject({ error: { code: -32600 } });
    expect(await session.reply(5)).toMatchObject({ error: { code: -32600 } });
    session.child.stdin.end();
    expect(await exitOf(session.child)).toBe(0);
    expect(session.stderr()).toContain('not valid JSON');
  });

  it('answers a line over the 10 MiB read limit with an error carrying its id, and finishes the calls in flight', async () => {
    const session = spawnRawStdio(emulatorEnv(emulator, home.path));
    emulator.setDefaults({ ttftMs: 500 });
    try {
      session.send(chatCall(2, 'before the big one'));
      const huge = 'x'.repeat(11 * 1024 * 1024);
      session.send({
        jsonrpc: '2.0',
        method: 'tools/call',
        params: { name: 'chat', arguments: { prompt: huge } },
        // The id sits in the middle, far from either end of the line.
        id: 3,
        note: 'y'.repeat(4096),
      });
      session.send({ jsonrpc: '2.0', id: 4, method: 'ping' });
      expect(await session.reply(3)).toMatchObject({
        error: { code: -32600, message: expect.stringContaining('10485760 bytes') },
      });
      expect(await session.reply(4)).toMatchObject({ result: {} });
      const chat = (await session.reply(2)) as { result: CallToolResult };
      expect(chat.result.structuredContent).toMatchObject({ text: 'Echo: before the big one' });
    } finally {
      emulator.reset();
    }
    session.child.stdin.end();
    expect(await exitOf(session.child)).toBe(0);
    expect(session.stderr()).toContain('over the 10485760-byte line limit');
  });

  it('--help and --version to a full disk exit 1 with one line; to a reader that left, 0 and quiet', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: home.path };
    const { closeSync, openSync } = await import('node:fs');
    // 'close' (not 'exit'): every byte of stderr has been read by then.
    const closed = (child: ReturnType<typeof spawn>) =>
      new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const full = openSync('/dev/full', 'w');
    try {
      for (const flag of ['--help', '--version']) {
        const child = spawn(process.execPath, [BIN_PATH, flag], { env, stdio: ['ignore', full, 'pipe'] });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
        });
        expect({ flag, code: await closed(child), stderr }).toEqual({
          flag,
          code: 1,
          stderr: 'bedrock-chat-mcp: writing to stdout failed: ENOSPC: no space left on device, write\n',
        });
        // The reader is gone before the server starts: its write meets EPIPE.
        const left = spawn(process.execPath, [BIN_PATH, flag], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        left.stdout?.destroy();
        let leftErr = '';
        left.stderr?.on('data', (chunk: Buffer) => {
          leftErr += chunk.toString('utf8');
        });
        expect({ flag, code: await closed(left), stderr: leftErr }).toEqual({ flag, code: 0, stderr: '' });
      }
    } finally {
      closeSync(full);
    }
  });

  it('prints --help and --version on stdout and refuses bad flags with exit code 2', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: home.path };
    const help = await run(process.execPath, [BIN_PATH, '--help'], { env });
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--http');
    for (const flag of ['--version', '-v', '-V']) {
      const version = await run(process.execPath, [BIN_PATH, flag], { env });
      expect(version, flag).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    }
    const bad = await run(process.execPath, [BIN_PATH, '--bogus'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--bogus');
    const badEnv = await run(process.execPath, [BIN_PATH], {
      env: { ...env, BEDROCK_CHAT_MCP_MAX_TOKENS: 'many' },
    });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('BEDROCK_CHAT_MCP_MAX_TOKENS');
  });
});
