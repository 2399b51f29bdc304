import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import {
  BedrockChatError,
  builtInModelListing,
  type ConversationStore,
  createMemoryStore,
  listModels,
  mapBedrockError,
} from '@bedrock-chat/core';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDeps } from '../src/server-deps.js';
import { connect, testConfig } from './helpers/connect.js';
import { createFakeRunner, type FakeRunner } from './helpers/fake-runner.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(overrides: Partial<ServerDeps> = {}) {
  // A clock that moves on each reading: turns within one millisecond still sort by last use.
  let time = Date.parse('2026-01-01T00:00:00Z');
  const now = () => {
    time += 1;
    return new Date(time);
  };
  const store = createMemoryStore({ now });
  const runner = createFakeRunner();
  const deps: ServerDeps = {
    store,
    runner,
    config: testConfig(),
    listModels: async () => ({
      region: 'us-east-1',
      source: 'bedrock',
      models: builtInModelListing('us-east-1'),
      fallbackReason: undefined,
    }),
    ...overrides,
  };
  const connection = await connect(deps);
  cleanup = connection.close;
  return { ...connection, store: deps.store, runner: deps.runner as FakeRunner };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const textOf = (result: CallToolResult, index = 0) => (result.content[index] as { text: string }).text;

describe('tools/list', () => {
  it('is pinned', async () => {
    const { client } = await setup();
    expect(await client.listTools()).toMatchSnapshot();
  });

  it('stays small: the whole list costs few tokens', async () => {
    const { client } = await setup();
    // JSON runs ~3.5 characters per token: about 1,650 tokens for all four tools, schemas and
    // parameter descriptions included (peer servers spend 30–40k). A deliberate change here
    // updates this bound (5,800 → 6,050: `chat`'s usage gained the cache read/write tokens, and
    // its output the citations; 6,050 → 6,250: `chat` gained `files`; → 6,600: `chat`'s thinking, effort and includeReasoning;
    // → 6,850: `chat`'s responseSchema, and `object` in its output, the value it returns;
    // → 7,050: `get_conversation`'s output gained the prompt-cache totals;
    // → 7,350: `chat`'s serviceTier and latency, and the served tier in its output).
    expect(JSON.stringify(await client.listTools()).length).toBeLessThan(7350);
  });

  it('describes every parameter of every tool', async () => {
    const { client } = await setup();
    const { tools } = await client.listTools();
    const undescribed = tools.flatMap((tool) =>
      Object.entries(tool.inputSchema.properties ?? {})
        .filter(([, schema]) => !(schema as { description?: string }).description)
        .map(([name]) => `${tool.name}.${name}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('names the allowed models in the model description when an allowlist is set, without an enum', async () => {
    const { client } = await setup({
      config: testConfig({ limits: { allowedModels: ['haiku', 'sonnet-4.5'] } }),
    });
    const { tools } = await client.listTools();
    const model = tools.find((tool) => tool.name === 'chat')?.inputSchema.properties?.model as {
      description: string;
      enum?: unknown;
    };
    expect(model.description).toContain('allows only: haiku, sonnet-4.5');
    expect(model.description).not.toContain('opus');
    expect(model.enum).toBeUndefined();
  });

  it('annotates chat as a non-destructive, open-world write and the rest as read-only', async () => {
    const { client } = await setup();
    const { tools } = await client.listTools();
    const annotations = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
    expect(annotations.chat).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(annotations.list_conversations).toMatchObject({ readOnlyHint: true });
    expect(annotations.get_conversation).toMatchObject({ readOnlyHint: true });
    expect(annotations.list_models).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  });
});

describe('chat', () => {
  it('starts a conversation and returns structured content plus the reply as text', async () => {
    const { client, store } = await setup();
    const result = await call(client, 'chat', {
      prompt: 'Hello there',
      system: 'Be brief',
      temperature: 0.2,
      maxTokens: 50,
    });
    expect(result.isError).toBeFalsy();
    const output = result.structuredContent as Record<string, unknown>;
    expect(output).toEqual({
      text: 'reply #1: Hello there',
      conversationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      model: 'fake.model-v1',
      stopReason: 'end_turn',
      usage: {
        inputTokens: 10,
        outputTokens: 21,
        totalTokens: 31,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
      },
      costUsd: 0.000123,
      citations: [],
    });
    expect(textOf(result)).toBe('reply #1: Hello there');
    expect(textOf(result, 1)).toContain(`conversationId: ${output.conversationId}`);
    const stored = await store.get(output.conversationId as string);
    expect(stored.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(stored.system).toBe('Be brief');
  });

  it('tells the caller and the log which setting the model refused and core left out', async () => {
    const warning = 'Claude Opus 4.7 does not accept a temperature; it was not sent.';
    const logged: string[] = [];
    const { client } = await setup({
      runner: createFakeRunner({ warnings: [warning] }),
      log: (message) => logged.push(message),
    });
    const result = await call(client, 'chat', { prompt: 'Hi', temperature: 0.5 });
    expect(result.isError).toBeFalsy();
    expect(textOf(result, 1)).toContain(` · ${warning}]`);
    expect(logged).toContain(`chat: ${warning}`);
  });

  it('passes the options to the model', async () => {
    const { client, runner } = await setup();
    await call(client, 'chat', {
      prompt: 'Hi',
      system: 'S',
      model: 'haiku',
      temperature: 0.5,
      maxTokens: 99,
    });
    expect(runner.calls[0]?.options).toMatchObject({
      system: 'S',
      model: 'haiku',
      temperature: 0.5,
      maxTokens: 99,
    });
  });

  it('continues a conversation: the model sees the whole stored history', async () => {
    const { client, runner, store } = await setup();
    const first = await call(client, 'chat', { prompt: 'one', system: 'Keep me' });
    const conversationId = (first.structuredContent as { conversationId: string }).conversationId;
    const second = await call(client, 'chat', { prompt: 'two', conversationId });
    expect(second.structuredContent).toMatchObject({ conversationId, text: 'reply #3: two' });
    expect(runner.calls[1]?.messages.map((message) => message.content)).toEqual([
      [{ text: 'one' }],
      [{ text: 'reply #1: one' }],
      [{ text: 'two' }],
    ]);
    expect(runner.calls[1]?.options.system).toBe('Keep me');
    expect((await store.get(conversationId)).messageCount).toBe(4);
  });

  it('accepts a lower-case conversation id', async () => {
    const { client } = await setup();
    const first = await call(client, 'chat', { prompt: 'one' });
    const conversationId = (first.structuredContent as { conversationId: string }).conversationId;
    const second = await call(client, 'chat', {
      prompt: 'two',
      conversationId: conversationId.toLowerCase(),
    });
    expect(second.structuredContent).toMatchObject({ conversationId });
  });

  it('refuses an unknown conversation id, telling to omit it — never a silent fresh start', async () => {
    const { client, runner, store } = await setup();
    const result = await call(client, 'chat', { prompt: 'hi', conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.content).toHaveLength(1);
    expect(textOf(result)).toContain('No conversation with id 01JDQ5Z8M3X4B2N7K9P0R6S1TV');
    expect(textOf(result)).toContain('Hint: Omit conversationId to start a new conversation');
    expect(runner.calls).toHaveLength(0);
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('refuses a malformed conversation id with the same advice', async () => {
    const { client } = await setup();
    const result = await call(client, 'chat', { prompt: 'hi', conversationId: 'not-an-id' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not a conversation id[\s\S]*Omit conversationId/);
  });

  it.each([
    [{ prompt: 'hi', temperature: 3 }, 'temperature'],
    [{ prompt: 'hi', temperature: -0.1 }, 'temperature'],
    [{ prompt: '' }, 'prompt'],
    [{ prompt: 'x'.repeat(100_001) }, 'prompt'],
    [{}, 'prompt'],
    [{ prompt: 'hi', maxTokens: 0 }, 'maxTokens'],
    [{ prompt: 'hi', maxTokens: 1.5 }, 'maxTokens'],
    [{ prompt: 'hi', system: 'y'.repeat(20_001) }, 'system'],
    [{ prompt: 'hi', temprature: 0.5 }, 'temprature'],
  ])('rejects invalid input %#, naming the field', async (args, field) => {
    const { client, runner } = await setup();
    const result = await call(client, 'chat', args);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toContain(field);
    expect(runner.calls).toHaveLength(0);
  });

  it('rejects a blank prompt with a clear message', async () => {
    const { client } = await setup();
    const result = await call(client, 'chat', { prompt: '   ' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/prompt is empty/);
  });

  it('reports a Bedrock error with its hint and stores nothing', async () => {
    const runner = createFakeRunner();
    runner.complete = async () => {
      throw new BedrockChatError({
        code: 'MODEL_NOT_READY',
        message: 'The model is not ready.',
        hint: 'Try again shortly.',
      });
    };
    const { client, store } = await setup({ runner });
    const result = await call(client, 'chat', { prompt: 'hi' });
    expect(result).toMatchObject({ isError: true });
    expect(textOf(result)).toMatch(/^The model is not ready\.\nHint: Try again shortly\. Nothing was saved/);
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('answers with a clear timeout error at the server-side deadline, storing nothing', async () => {
    const { client, store } = await setup({
      runner: createFakeRunner({ hang: true }),
      config: testConfig({ limits: { timeoutMs: 50 } }),
    });
    const result = await call(client, 'chat', { prompt: 'hi' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^No reply from Bedrock within .* s, this server's deadline/);
    expect(textOf(result)).toContain('BEDROCK_CHAT_MCP_TIMEOUT_MS');
    expect((await store.list()).conversations).toHaveLength(0);
  });

  it('aborts the model call on notifications/cancelled and stores nothing', async () => {
    const runner = createFakeRunner({ hang: true });
    const { client, store } = await setup({ runner });
    const controller = new AbortController();
    const started = runner.nextCall();
    const pending = client.callTool({ name: 'chat', arguments: { prompt: 'hi' } }, undefined, {
      signal: controller.signal,
    });
    await started;
    controller.abort('user cancelled');
    await expect(pending).rejects.toThrow();
    // The server saw the cancellation: a later call still works and the store is empty.
    await client.listTools();
    expect((await store.list()).conversations).toHaveLength(0);
  });
});

/** What an agent cannot act on: a command, a flag (`--think`, `-a`), a shell command line. */
const CLI_SYNTAX = /`|(^|[\s(])--?[a-z]|\bbedrock-chat [a-z]|\baws (sso|configure)|\b(npm|pnpm) /;

describe('hints', () => {
  // Errors as core builds them for the CLI, whose hints name commands, flags and variables.
  const sdkError = (name: string, message: string, status: number) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
  const context = { modelId: 'anthropic.claude-x', region: 'us-east-1', profile: 'dev' };
  const coreErrors: [string, unknown][] = [
    [
      'model not found',
      mapBedrockError(sdkError('ResourceNotFoundException', 'Model not found', 404), context),
    ],
    [
      'model not in region',
      mapBedrockError(
        sdkError('ValidationException', 'The provided model identifier is invalid.', 400),
        context,
      ),
    ],
    [
      'no credentials',
      mapBedrockError(
        Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
        context,
      ),
    ],
    [
      'expired SSO',
      mapBedrockError(
        sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403),
        {
          ...context,
          credentialKind: 'sso',
        },
      ),
    ],
    [
      'request timeout',
      mapBedrockError(Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }), context),
    ],
    [
      'network',
      mapBedrockError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
        context,
      ),
    ],
    [
      'on-demand only (an ARN or base model id)',
      mapBedrockError(
        sdkError(
          'ValidationException',
          "Invocation of model ID anthropic.claude-x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
          400,
        ),
        { ...context, suggestedProfileId: 'us.anthropic.claude-x' },
      ),
    ],
    [
      // As core's conversationTooLarge builds it for a DynamoDB store.
      'system prompt too large for DynamoDB',
      new BedrockChatError({
        code: 'INVALID_INPUT',
        message: 'The system prompt is too large for a DynamoDB store.',
        hint: 'Shorten the system prompt, or attach the long text as a file instead (-a: files are stored apart, in chunks), or use a SQLite store.',
        details: { reason: 'system-too-large', conversationUnchanged: true },
      }),
    ],
    [
      'store unwritable',
      new BedrockChatError({
        code: 'STORE_UNWRITABLE',
        message: 'Cannot write.',
        hint: 'use --no-save to chat without storing.',
      }),
    ],
    [
      'config file',
      new BedrockChatError({
        code: 'CONFIG_INVALID',
        message: 'Bad config.',
        hint: 'change values with `bedrock-chat config set <key> <value>`.',
      }),
    ],
  ];

  it.each(coreErrors)(
    '%s: the hint tells an agent what it can do, not a command to run',
    async (_name, error) => {
      const runner = createFakeRunner();
      runner.complete = async () => {
        throw error;
      };
      const { client } = await setup({ runner });
      const text = textOf(await call(client, 'chat', { prompt: 'hi' }));
      expect(text).toContain('\nHint: ');
      expect(text).not.toMatch(CLI_SYNTAX);
      expect(text).toContain('Nothing was saved');
    },
  );

  it('points to list_models when the model is unknown', async () => {
    const runner = createFakeRunner();
    runner.complete = async () => {
      throw coreErrors[0]?.[1];
    };
    const { client } = await setup({ runner });
    expect(textOf(await call(client, 'chat', { prompt: 'hi' }))).toMatch(
      /Hint: Pass a model from list_models/,
    );
  });
});

describe('hints under an allowlist', () => {
  it.each([
    ['MODEL_NOT_FOUND', 'Model not found'],
    ['MODEL_NOT_IN_REGION', 'No inference profile serves this region'],
    ['MODEL_TIMEOUT', 'The model took too long'],
    ['ON_DEMAND_NOT_SUPPORTED', 'anthropic.claude-x cannot be called directly on demand'],
  ] as const)('%s names the allowed models, not aliases the server refuses', async (code, message) => {
    const runner = createFakeRunner();
    runner.complete = async () => {
      throw new BedrockChatError({ code, message });
    };
    const { client } = await setup({
      runner,
      config: testConfig({ limits: { allowedModels: ['haiku-4.5', 'nosuchmodel'] } }),
    });
    const text = textOf(await call(client, 'chat', { prompt: 'hi' }));
    expect(text).toContain('haiku-4.5, nosuchmodel');
    expect(text).not.toMatch(/sonnet|opus|such as haiku/);
  });
});

describe('list_models', () => {
  it('lists what chat can use in the region, with aliases and the default model', async () => {
    const { client } = await setup({ defaultModel: async () => 'sonnet' });
    const result = await call(client, 'list_models', {});
    const output = result.structuredContent as {
      region: string;
      defaultModel: string;
      models: { modelId: string; aliases: string[] }[];
    };
    expect(output).toMatchObject({ region: 'us-east-1', defaultModel: 'sonnet' });
    expect(output).not.toHaveProperty('note');
    const haiku = output.models.find((model) => model.aliases.includes('haiku'));
    expect(haiku?.modelId).toMatch(/^us\.anthropic\.claude-haiku/);
    expect(JSON.parse(textOf(result))).toEqual(output);
  });

  it('lists only the allowed models when an allowlist is set', async () => {
    const { client } = await setup({ config: testConfig({ limits: { allowedModels: ['haiku'] } }) });
    const output = (await call(client, 'list_models', {})).structuredContent as {
      models: { modelId: string; aliases: string[] }[];
    };
    expect(output.models.some((model) => model.aliases.includes('haiku'))).toBe(true);
    // `haiku` allows the newest Haiku only, not every Haiku.
    for (const model of output.models) expect(model.modelId).toMatch(/claude-haiku-5-5$/);
  });

  it('reports the default chat uses under an allowlist: the first allowed model when the configured one is not allowed', async () => {
    const { client, runner } = await setup({
      config: testConfig({ limits: { allowedModels: ['haiku'] } }),
      defaultModel: async () => 'sonnet',
    });
    const output = (await call(client, 'list_models', {})).structuredContent as { defaultModel: string };
    expect(output.defaultModel).toBe('haiku');
    await call(client, 'chat', { prompt: 'hi' });
    expect(runner.calls[0]?.options.model).toBe('haiku');
  });

  it('answers with the built-in catalogue and a note when Bedrock accepts the connection and never replies', async () => {
    const silent = createNetServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { client } = await setup({
        config: testConfig({ limits: { timeoutMs: 300 } }),
        listModels: (request) =>
          listModels({
            env: {
              AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}`,
              AWS_BEARER_TOKEN_BEDROCK: 'test',
              AWS_REGION: 'us-east-1',
            },
            dotenvDir: false,
            configFile: false,
            readAwsProfile: async () => undefined,
            ...request,
          }),
      });
      const output = (await call(client, 'list_models', {})).structuredContent as {
        note: string;
        models: unknown[];
      };
      expect(output.note).toContain('Bedrock did not list its models within 0.3 s');
      expect(output.models.length).toBeGreaterThan(0);
    } finally {
      silent.close();
    }
  });

  it('says when it fell back to the built-in catalogue', async () => {
    const { client } = await setup({
      listModels: async () => ({
        region: 'eu-west-1',
        source: 'built-in',
        models: builtInModelListing('eu-west-1'),
        fallbackReason: new BedrockChatError({ code: 'MODEL_ACCESS_DENIED', message: 'Access denied.' }),
      }),
    });
    const output = (await call(client, 'list_models', {})).structuredContent as { note: string };
    expect(output.note).toContain('Access denied.');
  });
});

describe('cost limits', () => {
  it('refuses a model outside BEDROCK_CHAT_MCP_ALLOWED_MODELS', async () => {
    const { client, runner } = await setup({
      config: testConfig({ limits: { allowedModels: ['haiku-4.5'] } }),
    });
    const result = await call(client, 'chat', { prompt: 'hi', model: 'opus' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^model: "opus" is not allowed[\s\S]*Use one of: haiku-4.5/);
    expect(runner.calls).toHaveLength(0);
  });

  it('advertises and enforces the maxTokens cap', async () => {
    const { client, runner } = await setup({ config: testConfig({ limits: { maxTokens: 500 } }) });
    const { tools } = await client.listTools();
    const chat = tools.find((tool) => tool.name === 'chat');
    expect(chat?.inputSchema.properties?.maxTokens).toMatchObject({ maximum: 500 });
    const refused = await call(client, 'chat', { prompt: 'hi', maxTokens: 501 });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('maxTokens');
    await call(client, 'chat', { prompt: 'hi' });
    expect(runner.calls[0]?.options.maxTokens).toBe(500);
  });

  it('stops a conversation at BEDROCK_CHAT_MCP_MAX_TURNS', async () => {
    const { client, runner } = await setup({ config: testConfig({ limits: { maxTurns: 1 } }) });
    const first = await call(client, 'chat', { prompt: 'one' });
    const conversationId = (first.structuredContent as { conversationId: string }).conversationId;
    const second = await call(client, 'chat', { prompt: 'two', conversationId });
    expect(second.isError).toBe(true);
    expect(textOf(second)).toMatch(/limit \(BEDROCK_CHAT_MCP_MAX_TURNS=1\)[\s\S]*Omit conversationId/);
    expect(runner.calls).toHaveLength(1);
  });
});

describe('progress', () => {
  it('sends progress only with a progressToken, and none after the result', async () => {
    const { client } = await setup({ config: testConfig({ progressIntervalMs: 0 }) });
    const events: string[] = [];
    const result = await client.callTool({ name: 'chat', arguments: { prompt: 'tell me more' } }, undefined, {
      onprogress: (progress) => events.push(`progress ${progress.progress} ${progress.message ?? ''}`),
    });
    events.push('result');
    // A round trip after the result flushes anything the server might still have sent.
    await client.listTools();
    expect(result.isError).toBeFalsy();
    expect(events.at(-1)).toBe('result');
    expect(events.length).toBeGreaterThan(2);
    expect(events[0]).toBe('progress 0 Waiting for the model');
    expect(events.at(-2)).toMatch(/^progress \d+ \d+ characters received$/);
  });

  it('throttles progress: fewer notifications than text deltas', async () => {
    const { client } = await setup({ runner: createFakeRunner({ chunkSize: 1 }) });
    let notifications = 0;
    await client.callTool(
      { name: 'chat', arguments: { prompt: 'a long enough prompt to stream' } },
      undefined,
      {
        onprogress: () => notifications++,
      },
    );
    await client.listTools();
    // ~40 one-character deltas arrive within one 250 ms window: the first report goes, the rest are dropped.
    expect(notifications).toBe(1);
  });

  it('sends none when progress is turned off', async () => {
    const { client } = await setup({ config: testConfig({ progress: false, progressIntervalMs: 0 }) });
    let notifications = 0;
    await client.callTool({ name: 'chat', arguments: { prompt: 'hi' } }, undefined, {
      onprogress: () => notifications++,
    });
    await client.listTools();
    expect(notifications).toBe(0);
  });
});

describe('list_conversations and get_conversation', () => {
  async function seed(store: ConversationStore, client: Client) {
    const first = await call(client, 'chat', { prompt: 'About owls' });
    const second = await call(client, 'chat', { prompt: 'About foxes' });
    const ids = [first, second].map(
      (result) => (result.structuredContent as { conversationId: string }).conversationId,
    );
    await call(client, 'chat', { prompt: 'More on owls', conversationId: ids[0] });
    return { owls: ids[0] as string, foxes: ids[1] as string, store };
  }

  it('lists conversations, most recently used first, with search and limit', async () => {
    const { client, store } = await setup();
    const { owls, foxes } = await seed(store, client);
    const all = await call(client, 'list_conversations', {});
    expect(all.structuredContent).toEqual({
      conversations: [
        {
          id: owls,
          title: 'About owls',
          model: 'fake.model-v1',
          updatedAt: expect.any(String),
          messageCount: 4,
        },
        {
          id: foxes,
          title: 'About foxes',
          model: 'fake.model-v1',
          updatedAt: expect.any(String),
          messageCount: 2,
        },
      ],
    });
    expect(JSON.parse(textOf(all))).toEqual(all.structuredContent);
    const searched = await call(client, 'list_conversations', { search: 'foxes' });
    expect(
      (searched.structuredContent as { conversations: { id: string }[] }).conversations.map((c) => c.id),
    ).toEqual([foxes]);
    const limited = await call(client, 'list_conversations', { limit: 1 });
    expect((limited.structuredContent as { conversations: unknown[] }).conversations).toHaveLength(1);
  });

  it('gets a conversation with its messages', async () => {
    const { client, store } = await setup();
    const { owls } = await seed(store, client);
    const result = await call(client, 'get_conversation', { conversationId: owls });
    expect(result.structuredContent).toMatchObject({
      id: owls,
      title: 'About owls',
      messageCount: 4,
      messages: [
        { role: 'user', text: 'About owls', model: null },
        { role: 'assistant', text: 'reply #1: About owls', model: 'fake.model-v1' },
        { role: 'user', text: 'More on owls' },
        { role: 'assistant', text: 'reply #3: More on owls' },
      ],
    });
  });

  it('reports an unknown id as an error', async () => {
    const { client } = await setup();
    const result = await call(client, 'get_conversation', { conversationId: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toContain('list_conversations');
  });

  it('validates list input', async () => {
    const { client } = await setup();
    const result = await call(client, 'list_conversations', { limit: 1000 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('limit');
  });
});
