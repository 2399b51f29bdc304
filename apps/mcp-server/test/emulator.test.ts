import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import type { ChatClient, ChatOptions, ChatRunner, Message } from '@bedrock-chat/core';
import { openSqliteStore, type SqliteConversationStore } from '@bedrock-chat/core/sqlite';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerConfig } from '../src/config/server-config.js';
import { connect, testConfig } from './helpers/connect.js';
import { emulatorClient, tempHome } from './helpers/emulator-env.js';

let emulator: Emulator;
let chatClient: ChatClient;
let home: ReturnType<typeof tempHome>;
const stores: SqliteConversationStore[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  chatClient = emulatorClient(emulator);
});
afterAll(async () => {
  chatClient.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  home = tempHome();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const store of stores.splice(0)) await store.close();
  home.remove();
});

function openStore(): SqliteConversationStore {
  const store = openSqliteStore({ path: join(home.path, 'conversations.db') });
  stores.push(store);
  return store;
}

async function start(options: { config?: ServerConfig; runner?: ChatRunner } = {}) {
  const store = openStore();
  const connection = await connect({
    store,
    runner: options.runner ?? chatClient,
    config: options.config ?? testConfig(),
    defaultModel: async () => (await chatClient.config()).model.value,
  });
  closers.push(connection.close);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
  return { ...connection, store, call };
}

const converseBodies = () =>
  emulator.requests
    .filter((request) => request.operation === 'Converse' || request.operation === 'ConverseStream')
    .map(
      (request) =>
        request.body as { messages: Message[]; system?: unknown; inferenceConfig?: { maxTokens?: number } },
    );

describe('chat against the Bedrock emulator', () => {
  it('caches a continued conversation: usage reports the cache reads and writes', async () => {
    const { call } = await start();
    const handbook = 'Section: expenses are refunded within 30 days of a receipt. '.repeat(300);
    const first = await call('chat', { prompt: handbook });
    const { conversationId } = first.structuredContent as { conversationId: string };
    const second = await call('chat', { prompt: 'Summarise it.', conversationId });
    const written = (second.structuredContent as { usage: { cacheWriteInputTokens: number } }).usage
      .cacheWriteInputTokens;
    expect(written).toBeGreaterThan(4_000);
    const third = await call('chat', { prompt: 'Shorter.', conversationId });
    expect(third.structuredContent).toMatchObject({
      usage: { cacheReadInputTokens: written, cacheWriteInputTokens: expect.any(Number) },
    });
    const line = third.content[1];
    expect(line?.type === 'text' ? line.text : '').toContain(`cache: ${written} read /`);
    // The stored totals say the same, with what caching saved (reads outweigh the write by now).
    const usages = [second, third].map(
      (result) =>
        (
          result.structuredContent as {
            usage: { cacheReadInputTokens: number; cacheWriteInputTokens: number };
          }
        ).usage,
    );
    const fetched = await call('get_conversation', { conversationId });
    const totals = {
      cacheReadInputTokens: usages.reduce((sum, usage) => sum + usage.cacheReadInputTokens, 0),
      cacheWriteInputTokens: usages.reduce((sum, usage) => sum + usage.cacheWriteInputTokens, 0),
    };
    expect(totals.cacheReadInputTokens).toBe(written);
    expect(fetched.structuredContent).toMatchObject({ ...totals, cacheSavedUsd: expect.any(Number) });
    const saved = (fetched.structuredContent as { cacheSavedUsd: number }).cacheSavedUsd;
    expect(saved).toBeGreaterThan(0);
    const text = fetched.content[0];
    expect(JSON.parse(text?.type === 'text' ? text.text : '{}')).toMatchObject({
      ...totals,
      cacheSavedUsd: saved,
    });
  });

  it('thinks with the effort asked for; the reasoning comes back only with includeReasoning', async () => {
    const { call } = await start();
    const plain = await call('chat', { prompt: 'Why?', thinking: true, effort: 'low' });
    expect(plain.isError).toBeFalsy();
    expect(plain.structuredContent).not.toHaveProperty('reasoning');
    expect(plain.content).toHaveLength(2);
    const { conversationId } = plain.structuredContent as { conversationId: string };
    const asked = await call('chat', {
      prompt: 'And?',
      conversationId,
      thinking: true,
      includeReasoning: true,
    });
    expect(asked.structuredContent).toMatchObject({
      text: 'Echo: And?',
      reasoning: 'Thinking at high effort about: And?',
    });
    expect(asked.content[2]).toEqual({
      type: 'text',
      text: 'Reasoning: Thinking at high effort about: And?',
    });
    const [first, second] = converseBodies() as unknown as Record<string, unknown>[];
    expect(first).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'adaptive' } },
      outputConfig: { effort: 'low' },
    });
    // The first reply's reasoning went back as stored (the emulator checks its signature).
    const sentBack = (second?.messages ?? []) as Message[];
    expect(sentBack[1]?.content[0]).toHaveProperty('reasoningContent');
    const refused = await call('chat', { prompt: 'Hi', effort: 'xhigh', thinking: false });
    expect(refused.isError).toBe(true);
  });

  it('answers in the shape of responseSchema: the value as object, its JSON as the text, on both paths', async () => {
    const { client, call, store } = await start();
    // Listing the tools first makes the SDK client validate structuredContent against the output schema.
    await client.listTools();
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city', 'days'],
    };
    for (const model of ['haiku-4.5', 'sonnet-4']) {
      const result = await call('chat', { prompt: 'Plan Oslo.', model, responseSchema: schema });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        object: { city: 'city', days: 1 },
        text: '{"city":"city","days":1}',
      });
      expect(result.content[0]).toEqual({ type: 'text', text: '{"city":"city","days":1}' });
      const { conversationId } = result.structuredContent as { conversationId: string };
      expect((await store.get(conversationId)).messages.at(-1)?.content).toEqual([
        { text: '{"city":"city","days":1}' },
      ]);
    }
    const [native, fallback] = converseBodies() as unknown as Record<string, unknown>[];
    expect(native).toHaveProperty('outputConfig.textFormat.type', 'json_schema');
    expect(fallback).toHaveProperty('toolConfig.toolChoice', { tool: { name: 'response' } });
    const plain = await call('chat', { prompt: 'Hi' });
    expect(plain.structuredContent).not.toHaveProperty('object');
  });

  it('refuses a responseSchema Bedrock would refuse before any call, and returns a reply that does not match', async () => {
    const { call, store } = await start();
    const bounded = { type: 'object', properties: { days: { type: 'integer', minimum: 1 } } };
    const refused = await call('chat', { prompt: 'Plan.', model: 'haiku-4.5', responseSchema: bounded });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toMatchObject({
      text: expect.stringContaining(
        "Claude Haiku 4.5's structured output on Bedrock does not take this schema: properties.days: For 'integer' type, property 'minimum' is not supported.",
      ),
    });
    const list = await call('chat', { prompt: 'Plan.', responseSchema: { type: 'array' } });
    expect(list.content[0]).toMatchObject({ text: expect.stringContaining('"type": "object"') });
    expect(converseBodies()).toEqual([]);
    emulator.enqueue({ text: '{"days":"two"}' });
    const mismatch = await call('chat', {
      prompt: 'Plan.',
      model: 'haiku-4.5',
      responseSchema: { type: 'object', properties: { days: { type: 'integer' } } },
    });
    expect(mismatch.isError).toBe(true);
    const text = (mismatch.content[0] as { text: string }).text;
    expect(text).toMatch(/^The reply does not match the schema: days: /);
    expect(text).toContain('Hint: Call again, or loosen responseSchema.');
    expect(text).toContain('Reply as written (not saved): {"days":"two"}');
    expect((await store.list({})).conversations).toEqual([]);
  });

  it('sends an allowed tier and reports the one Bedrock served; priority is refused unless the server allows it', async () => {
    const { call } = await start();
    const flex = await call('chat', { prompt: 'Hi', model: 'sonnet-4.6', serviceTier: 'flex' });
    expect(flex.isError).toBeFalsy();
    expect(flex.structuredContent).toMatchObject({ serviceTier: 'flex' });
    expect(flex.content[1]).toMatchObject({ text: expect.stringContaining('tier: flex') });
    expect(converseBodies().at(-1)).toMatchObject({ serviceTier: { type: 'flex' } });
    const before = converseBodies().length;
    const refused = await call('chat', { prompt: 'Hi', model: 'sonnet-4.6', serviceTier: 'priority' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toMatchObject({
      text: expect.stringContaining(
        'serviceTier: "priority" is not allowed on this server (BEDROCK_CHAT_MCP_TIERS',
      ),
    });
    expect(converseBodies()).toHaveLength(before);
    const open = await start({
      config: testConfig({ limits: { allowedTiers: ['priority', 'default', 'flex'] } }),
    });
    const priority = await open.call('chat', { prompt: 'Hi', model: 'sonnet-4.6', serviceTier: 'priority' });
    expect(priority.structuredContent).toMatchObject({ serviceTier: 'priority' });
    const lacking = await open.call('chat', { prompt: 'Hi', model: 'opus-4.6', serviceTier: 'priority' });
    expect(lacking.isError).toBe(true);
    expect(lacking.content[0]).toMatchObject({
      text: expect.stringContaining("is not served on Bedrock's priority tier"),
    });
  });

  it('starts and continues a conversation; Bedrock receives the whole history', async () => {
    const { call } = await start();
    const first = await call('chat', {
      prompt: 'What is an owl?',
      system: 'Answer briefly.',
      maxTokens: 200,
    });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({
      text: 'Echo: What is an owl?',
      model: 'us.anthropic.claude-sonnet-5-5',
      stopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      costUsd: expect.any(Number),
    });
    const { conversationId } = first.structuredContent as { conversationId: string };
    const second = await call('chat', { prompt: 'And a fox?', conversationId });
    expect(second.structuredContent).toMatchObject({ conversationId, text: 'Echo: And a fox?' });
    const [, body] = converseBodies();
    expect(body?.messages.map((message) => message.content)).toEqual([
      [{ text: 'What is an owl?' }],
      [{ text: 'Echo: What is an owl?' }],
      [{ text: 'And a fox?' }],
    ]);
    expect(body?.system).toEqual([{ text: 'Answer briefly.' }]);
  });

  it('continues a conversation holding tool steps (made by the CLI or the library) with those steps as text', async () => {
    const { store, call } = await start();
    const stored = await store.create({
      title: 'With a tool',
      model: 'haiku-4.5',
      messages: [
        { role: 'user', content: [{ text: 'What is in ./notes?' }] },
        {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'tooluse_1', name: 'fs__list_directory', input: { path: './notes' } } },
          ],
        },
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '[FILE] todo.md' }] } }],
        },
        { role: 'assistant', content: [{ text: 'One file: todo.md.' }], stopReason: 'end_turn' },
      ],
    });
    const reply = await call('chat', { prompt: 'Which one?', conversationId: stored.id });
    expect(reply.isError).toBeFalsy();
    expect(reply.structuredContent).toMatchObject({ text: 'Echo: Which one?', conversationId: stored.id });
    // No toolConfig (this server runs no tools): Bedrock gets the old steps as text it accepts.
    const body = converseBodies().at(-1) as { messages: Message[]; toolConfig?: unknown };
    expect(body.toolConfig).toBeUndefined();
    expect(body.messages.slice(1, 3)).toEqual([
      { role: 'assistant', content: [{ text: '[tool call fs__list_directory {"path":"./notes"}]' }] },
      { role: 'user', content: [{ text: '[tool result of fs__list_directory: [FILE] todo.md]' }] },
    ]);
    expect((await store.get(stored.id)).messages[1]?.content[0]).toHaveProperty('toolUse');
  });

  it('continues a conversation after a server restart (new process state, same store file)', async () => {
    const before = await start();
    const first = await before.call('chat', { prompt: 'Remember: blue.' });
    const { conversationId } = first.structuredContent as { conversationId: string };
    await before.close();
    await before.store.close();

    const after = await start();
    const second = await after.call('chat', { prompt: 'What colour?', conversationId });
    expect(second.structuredContent).toMatchObject({ conversationId });
    expect(converseBodies().at(-1)?.messages).toHaveLength(3);
    const fetched = await after.call('get_conversation', { conversationId });
    expect((fetched.structuredContent as { messageCount: number }).messageCount).toBe(4);
  });

  it('maps a Bedrock failure to one message and a hint, and stores nothing', async () => {
    const { call, store } = await start();
    emulator.fail({
      kind: 'error',
      error: 'AccessDeniedException',
      message: 'You don’t have access to the model.',
    });
    const result = await call('chat', { prompt: 'hi' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect((result.content[0] as { text: string }).text).toMatch(/\nHint: .*Nothing was saved/);
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('sends throttled progress while the reply streams, and none after the result', async () => {
    emulator.setDefaults({ chunkDelayMs: 20, chunkTokens: 2 });
    emulator.enqueue({ generate: { tokens: 60 } });
    const { client } = await start();
    const events: string[] = [];
    const result = (await client.callTool(
      { name: 'chat', arguments: { prompt: 'Tell a story' } },
      undefined,
      {
        onprogress: ({ progress }) => events.push(`progress ${progress}`),
      },
    )) as CallToolResult;
    events.push('result');
    await client.listTools();
    expect(result.isError).toBeFalsy();
    expect(events[0]).toBe('progress 0');
    expect(events.at(-1)).toBe('result');
    expect(converseBodies()).toHaveLength(1);
    expect(emulator.requests[0]?.operation).toBe('ConverseStream');
  });

  it('uses plain Converse when the caller asked for no progress', async () => {
    const { call } = await start();
    await call('chat', { prompt: 'hi' });
    expect(emulator.requests[0]?.operation).toBe('Converse');
  });

  it('cancellation aborts the Bedrock call and stores nothing', async () => {
    emulator.setDefaults({ ttftMs: 20_000 });
    const settled: Promise<unknown>[] = [];
    const runner: ChatRunner = {
      complete(messages: Message[], options?: ChatOptions) {
        const call = chatClient.complete(messages, options);
        settled.push(
          call.then(
            () => 'completed',
            (error: { code?: string }) => error.code,
          ),
        );
        return call;
      },
      stream: (messages, options) => chatClient.stream(messages, options),
    };
    const { client, store } = await start({ runner });
    const controller = new AbortController();
    const pending = client.callTool({ name: 'chat', arguments: { prompt: 'slow' } }, undefined, {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(emulator.requests).toHaveLength(1), { timeout: 15_000 });
    controller.abort('changed my mind');
    await expect(pending).rejects.toThrow();
    // Well before the emulator's 20 s reply: the Bedrock call itself was aborted.
    await vi.waitFor(() => expect(settled).toHaveLength(1), { timeout: 15_000 });
    expect(await settled[0]).toBe('ABORTED');
    expect(emulator.requests[0]?.status).toBeUndefined();
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('gives a clear timeout error at the server deadline', async () => {
    emulator.setDefaults({ ttftMs: 20_000 });
    const { call, store } = await start({ config: testConfig({ limits: { timeoutMs: 300 } }) });
    const result = await call('chat', { prompt: 'slow' });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/^No reply from Bedrock within 0\.3 s/);
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('caps maxTokens on what reaches Bedrock', async () => {
    const { call } = await start({ config: testConfig({ limits: { maxTokens: 64 } }) });
    await call('chat', { prompt: 'hi' });
    expect(converseBodies()[0]?.inferenceConfig?.maxTokens).toBe(64);
  });
});
