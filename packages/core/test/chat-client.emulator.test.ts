import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResult, ChatStreamEvent } from '../src/client/chat-types.js';
import { BedrockChatError } from '../src/errors/bedrock-chat-error.js';
import { assistantMessage, userMessage } from '../src/messages/message-builders.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { sendPrompt } from '../src/store/send-prompt.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const HAIKU_PROFILE = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

describe('chat against the emulator', () => {
  it('does what the course helper does: system, temperature and the whole message list go out, the text comes back', async () => {
    const client = env.client();
    const messages = [userMessage('What is 1+1?'), assistantMessage('1+1 = 2'), userMessage('And doubled?')];
    const text = await client.chat(messages, {
      system: 'You are a maths tutor.',
      temperature: 0.2,
      model: HAIKU_PROFILE,
    });
    expect(text).toBe('Echo: And doubled?');
    const request = env.emulator.requests.at(-1);
    expect(request?.operation).toBe('Converse');
    expect(request?.modelId).toBe(HAIKU_PROFILE);
    expect(request?.auth.scheme).toBe('bearer');
    expect(request?.body).toMatchObject({
      messages,
      system: [{ text: 'You are a maths tutor.' }],
      inferenceConfig: { temperature: 0.2, maxTokens: 4096 },
    });
  });

  it('does not send topP beside temperature to Haiku 4.5, which refuses the pair, and says so', async () => {
    const client = env.client();
    const options = { model: 'haiku-4.5', temperature: 0.3, topP: 0.8 };
    const result = await client.complete('hello', options);
    expect(result.text).toBe('Echo: hello');
    expect(result.warnings).toEqual([
      'Claude Haiku 4.5 does not accept temperature and topP together; topP (0.8) was not sent.',
    ]);
    expect(env.emulator.requests.at(-1)?.body).toHaveProperty('inferenceConfig', {
      maxTokens: 4096,
      temperature: 0.3,
    });
    const events: ChatStreamEvent[] = [];
    for await (const event of client.stream('hello', options)) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { warnings: result.warnings } });
  });

  it('sends the 4.6 and 4.7 models only what they accept, named by their versioned aliases', async () => {
    const client = env.client();
    const both = { temperature: 0.3, topP: 0.8 };
    for (const [model, modelId, name] of [
      ['sonnet-4.6', 'us.anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6'],
      ['opus-4.6', 'us.anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6'],
    ] as const) {
      const result = await client.complete('hello', { model, ...both });
      expect(result).toMatchObject({ text: 'Echo: hello', modelId });
      expect(result.warnings).toEqual([
        `${name} does not accept temperature and topP together; topP (0.8) was not sent.`,
      ]);
      expect(env.emulator.requests.at(-1)?.body).toHaveProperty('inferenceConfig', {
        maxTokens: 4096,
        temperature: 0.3,
      });
    }
    const opus47 = await client.complete('hello', { model: 'opus-4.7', ...both });
    expect(opus47).toMatchObject({ text: 'Echo: hello', modelId: 'us.anthropic.claude-opus-4-7' });
    expect(opus47.warnings).toEqual([
      'Claude Opus 4.7 does not accept a temperature; it was not sent.',
      'Claude Opus 4.7 does not accept topP; it was not sent.',
    ]);
    expect(env.emulator.requests.at(-1)?.body).toHaveProperty('inferenceConfig', { maxTokens: 4096 });
  });

  it('returns the full result: message, stop reason, usage, latency, model actually used and cost', async () => {
    env.emulator.enqueue({ text: 'Two.', usage: { inputTokens: 1000, outputTokens: 500 } });
    const result = await env.client().complete('What is 1+1?', { model: 'haiku-3.5' });
    expect(result).toMatchObject({
      text: 'Two.',
      message: { role: 'assistant', content: [{ text: 'Two.' }] },
      stopReason: 'end_turn',
      usage: { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 },
      modelId: HAIKU_PROFILE,
      inferenceConfig: { maxTokens: 4096 },
    });
    expect(result.costUsd).toBeCloseTo(0.0008 + 0.002, 9);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('resolves the default model alias to the region profile', async () => {
    await env.client().chat('hi');
    // `sonnet` is the newest Sonnet: 5.5 since the catalogue learnt it.
    expect(env.emulator.requests.at(-1)?.modelId).toBe('us.anthropic.claude-sonnet-5-5');
  });

  it('streams text deltas, then one result whose text is their concatenation', async () => {
    env.emulator.enqueue({ generate: { tokens: 40 } });
    const events: ChatStreamEvent[] = [];
    for await (const event of env.client().stream('Tell me a story', { model: 'sonnet' })) events.push(event);
    const deltas = events.filter((event) => event.type === 'text');
    expect(deltas.length).toBeGreaterThan(3);
    const last = events.at(-1);
    expect(last?.type).toBe('result');
    if (last?.type !== 'result') return;
    expect(deltas.map((event) => event.text).join('')).toBe(last.result.text);
    expect(last.result.usage.outputTokens).toBe(40);
    expect(env.emulator.requests.at(-1)?.operation).toBe('ConverseStream');
  });

  it('streams tool use and reasoning as typed events', async () => {
    env.emulator.enqueue({
      reasoning: { text: 'Need weather.', signature: 'sig' },
      text: 'Checking.',
      toolUse: { toolUseId: 't1', name: 'weather', input: { city: 'Paris' } },
    });
    const events: ChatStreamEvent[] = [];
    for await (const event of env.client().stream('Weather in Paris?')) events.push(event);
    expect(
      events
        .filter((event) => event.type === 'reasoning')
        .map((event) => (event.type === 'reasoning' ? event.text : ''))
        .join(''),
    ).toBe('Need weather.');
    expect(events.find((event) => event.type === 'tool-use')).toMatchObject({
      block: { toolUse: { name: 'weather', input: { city: 'Paris' } } },
    });
    const result = events.at(-1);
    expect(result?.type === 'result' && result.result.stopReason).toBe('tool_use');
    expect(result?.type === 'result' && result.result.message.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'Need weather.', signature: 'sig' } } },
      { text: 'Checking.' },
      { toolUse: { toolUseId: 't1', name: 'weather', input: { city: 'Paris' } } },
    ]);
  });

  it('retries throttling and succeeds', async () => {
    env.emulator.fail({ kind: 'throttle', times: 1 });
    expect(await env.client().chat('hi')).toBe('Echo: hi');
    expect(env.emulator.requests.filter((request) => request.operation === 'Converse')).toHaveLength(2);
  });

  it('reports throttling after the last retry with the number of attempts', async () => {
    env.emulator.fail({ kind: 'throttle', times: 2 });
    await expect(env.client({ maxAttempts: 2 }).chat('hi')).rejects.toMatchObject({
      code: 'THROTTLED',
      category: 'throttled',
      message: expect.stringContaining('after 2 attempts'),
      hint: expect.stringContaining('maxTokens'),
    });
  });

  it('surfaces an exception that arrives inside a stream, after the text already yielded', async () => {
    env.emulator.enqueue({ generate: { tokens: 40 } });
    env.emulator.fail({
      kind: 'stream-exception',
      exception: 'modelStreamErrorException',
      afterEvents: 3,
      message: 'model broke',
    });
    const seen: string[] = [];
    const consume = async () => {
      for await (const event of env.client().stream('hi')) if (event.type === 'text') seen.push(event.text);
    };
    await expect(consume()).rejects.toMatchObject({
      code: 'MODEL_ERROR',
      message: expect.stringContaining('model broke'),
    });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('throttling as the first stream frame is retried like a plain call', async () => {
    env.emulator.fail({ kind: 'stream-exception', exception: 'throttlingException', afterEvents: 0 });
    const events: ChatStreamEvent[] = [];
    for await (const event of env.client().stream('again')) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { text: 'Echo: again' } });
  });

  // Slow requests get an emulator of their own: an aborted request may still reach the shared one
  // late, under load, and take a fault armed by a later test.
  it('cancels a call with an AbortSignal, before and during a stream', async () => {
    const own = await withEmulator({ chunkDelayMs: 50 });
    try {
      const before = new AbortController();
      before.abort();
      await expect(own.client().chat('hi', { signal: before.signal })).rejects.toMatchObject({
        code: 'ABORTED',
        category: 'interrupted',
      });

      own.emulator.enqueue({ generate: { tokens: 400 } });
      const during = new AbortController();
      let deltas = 0;
      const consume = async () => {
        for await (const event of own.client().stream('long', { signal: during.signal })) {
          if (event.type === 'text' && ++deltas === 2) during.abort();
        }
      };
      await expect(consume()).rejects.toMatchObject({ code: 'ABORTED' });
      expect(deltas).toBe(2);
    } finally {
      await own.close();
    }
  });

  it('gives up after the configured timeout with a clear error', async () => {
    const own = await withEmulator({ ttftMs: 3_000 });
    try {
      await expect(own.client({ timeoutMs: 200 }).chat('slow')).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: expect.stringContaining('200 ms'),
      });
    } finally {
      await own.close();
    }
  });

  it('while streaming, the timeout hint does not suggest streaming', async () => {
    const own = await withEmulator({ ttftMs: 3_000 });
    try {
      const consume = async () => {
        for await (const _event of own.client({ timeoutMs: 200 }).stream('slow')) {
          // nothing arrives before the deadline
        }
      };
      const error = await consume().catch((caught) => caught);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(error.hint).toContain('BEDROCK_CHAT_TIMEOUT_MS');
      expect(error.hint).not.toContain('use streaming');
      const whole = await own
        .client({ timeoutMs: 200 })
        .chat('slow')
        .catch((caught) => caught);
      expect(whole.hint).toContain('or use streaming');
    } finally {
      await own.close();
    }
  });

  it('a silence longer than the timeout mid-stream is TIMEOUT over HTTP/2, after the deltas that came (verifier s7 #3)', async () => {
    // The HTTP/2 stream's own idle timeout must not beat the call's deadline to it: that ends
    // the SDK's event stream quietly and the reply looked cut off (NETWORK_ERROR).
    const own = await withEmulator({ chunkDelayMs: 1_500, chunkTokens: 1 });
    try {
      const deltas: string[] = [];
      const consume = async () => {
        for await (const event of own.client({ timeoutMs: 700 }).stream('hello there world'))
          if (event.type === 'text') deltas.push(event.text);
      };
      const error = await consume().catch((caught) => caught);
      expect(error).toMatchObject({
        code: 'TIMEOUT',
        message: 'Bedrock went silent for 700 ms mid-reply.',
        hint: expect.stringContaining('BEDROCK_CHAT_TIMEOUT_MS'),
      });
      expect(deltas.length).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });

  it('rejects bad input locally, naming the field and what it must be', async () => {
    await expect(env.client().chat('hi', { temperature: 3 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'temperature must be a number from 0 to 1 (got 3).',
      hint: expect.stringContaining('from 0'),
    });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it.each([
    [{ system: 12 }, 'system must be'],
    [{ model: 12 }, 'model must be a non-empty string (got 12)'],
    [{ model: '' }, 'model must be a non-empty string (got "")'],
    // Each was a TypeError from inside core (options.tools?.some is not a function, …).
    [{ tools: 'search' }, 'tools must be an array of tools (got "search")'],
    [{ tools: 'search', toolChoice: { tool: 'search' } }, 'tools must be an array of tools'],
    [{ tools: 'search', schema: { type: 'object' } }, 'tools must be an array of tools'],
    [{ tools: [null] }, 'tools.0: Invalid input: expected object, received null.'],
    [{ toolChoice: null }, 'toolChoice must be "auto", "any" or { tool: "<name>" }'],
    // Bedrock refuses both (NonEmptyString members, at most 2,500): they never reach it.
    [{ stopSequences: [''] }, 'stopSequences.0: a stop sequence cannot be empty.'],
  ])('refuses %o from JavaScript callers before any call', async (options, message) => {
    const client = env.client();
    for (const call of [
      () => client.chat('hi', options as never),
      async () => {
        for await (const _event of client.stream('hi', options as never)) {
          // the options fail before the first event
        }
      },
    ]) {
      const error = await call().catch((caught) => caught);
      expect(error).toBeInstanceOf(BedrockChatError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
      expect(error.hint).toEqual(expect.any(String));
    }
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('refuses more than 2,500 stop sequences before any call (Bedrock echoed all of them back)', async () => {
    const stopSequences = Array.from({ length: 2501 }, (_, index) => `stop${index}`);
    const error = await env
      .client()
      .chat('hi', { stopSequences })
      .catch((caught) => caught);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'stopSequences must be an array of at most 2500 non-empty strings (got an array).',
      hint: expect.stringContaining('at most 2500'),
    });
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe('holes and inherited keys are refused before any call, as the schemas refuse them', () => {
  const tool = { name: 'a', description: 'd', inputSchema: { type: 'object' }, execute: async () => 'ok' };
  it.each([
    // A TypeError ("Iterator value undefined is not an entry object") from inside core.
    [
      'a tool list with a hole',
      'hi',
      // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
      { tools: [tool, ,] },
      'tools.1: Invalid input: expected object, received undefined.',
    ],
    [
      'a tool list with a null',
      'hi',
      { tools: [tool, null] },
      'tools.1: Invalid input: expected object, received null.',
    ],
    // Reached Bedrock, which refused an empty tool list.
    [
      'a tool list of one hole',
      'hi',
      { tools: new Array(1) },
      'tools.0: Invalid input: expected object, received undefined.',
    ],
    // A TypeError ("Cannot read properties of undefined (reading 'content')").
    [
      'a message list of one hole',
      new Array(1),
      {},
      'messages.0: Invalid input: expected object, received undefined',
    ],
    // Reached Bedrock, which refused an empty message.
    [
      'a message whose content is a hole',
      [{ role: 'user', content: new Array(1) }],
      {},
      'messages.0.content.0: Invalid input',
    ],
    // Sent as it was; MessageSchema's strict object refuses the own keys a and b.
    [
      'a message with inherited role and content',
      [Object.assign(Object.create({ role: 'user', content: [{ text: 'x' }] }), { a: 1, b: 2 })],
      {},
      'messages.0: Unrecognized keys: "a", "b"',
    ],
  ])('%s', async (_name, input, options, message) => {
    const error = await env
      .client()
      .complete(input as never, options as never)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(BedrockChatError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe('client.resolveModel', () => {
  it.each([
    [12, 'model must be a non-empty string (got 12).'],
    ['', 'model must be a non-empty string (got "").'],
    ['  ', 'model must be a non-empty string (got "  ").'],
  ])(
    'refuses %o with the rule of the model option (was a TypeError or an empty model id)',
    async (model, message) => {
      const error = await env
        .client()
        .resolveModel(model as never)
        .catch((caught) => caught);
      expect(error).toBeInstanceOf(BedrockChatError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message, hint: expect.stringContaining('alias') });
    },
  );
});

describe('errors from the service carry their hint', () => {
  it('model access not granted', async () => {
    env.emulator.fail({
      kind: 'error',
      error: 'AccessDeniedException',
      message: "You don't have access to the model with the specified model ID.",
    });
    const error = await env
      .client({ region: 'us-east-1' })
      .chat('hi', { model: 'haiku' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'MODEL_ACCESS_DENIED', category: 'model' });
    expect(error.message).toContain('us.anthropic.claude-haiku-5-5');
    expect(error.hint).toContain('region=us-east-1#/modelaccess');
  });

  it('on-demand throughput not supported names the profile to use', async () => {
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0';
    const error = await env
      .client()
      .chat('hi', { model: arn })
      .catch((caught) => caught);
    expect(error.code).toBe('ON_DEMAND_NOT_SUPPORTED');
    expect(error.hint).toContain('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('a model the region does not offer', async () => {
    const error = await env
      .client()
      .chat('hi', { model: 'anthropic.claude-v9-imaginary' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'MODEL_NOT_IN_REGION', category: 'model' });
    expect(error.hint).toContain('bedrock-chat models');
  });

  it('an invalid request says what was invalid', async () => {
    const error = await env
      .client()
      .chat([userMessage('a'), userMessage('b')])
      .catch((caught) => caught);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toMatch(/alternate/i);
  });

  it('a rejected API key, never echoing the key', async () => {
    await env.close();
    env = await withEmulator({ auth: { rejectedApiKeys: ['test-api-key'] } });
    const error = await env
      .client()
      .chat('hi')
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'CREDENTIALS_REJECTED', category: 'credentials' });
    expect(error.hint).toContain('AWS_BEARER_TOKEN_BEDROCK');
    expect(`${error.message} ${error.hint}`).not.toContain('test-api-key');
  });

  it('expired SigV4 credentials fail fast', async () => {
    await env.close();
    env = await withEmulator({ auth: { expiredAccessKeyIds: ['ASIAEXPIRED'] } });
    const client = env.client({
      env: {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: env.emulator.url,
        AWS_ACCESS_KEY_ID: 'ASIAEXPIRED',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_SESSION_TOKEN: 't',
      },
    });
    await expect(client.chat('hi')).rejects.toMatchObject({ code: 'CREDENTIALS_EXPIRED' });
    expect(env.emulator.requests).toHaveLength(1);
  });

  it('a profile that is in neither shared AWS file is named, before any request', async () => {
    const client = env.client({
      profile: 'nosuch',
      env: {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: env.emulator.url,
        AWS_CONFIG_FILE: '/nowhere/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nowhere/aws-credentials',
      },
    });
    const error = await client.chat('hi').catch((caught) => caught);
    expect(error).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message:
        'AWS profile nosuch (from --profile) is not in /nowhere/aws-config or /nowhere/aws-credentials.',
    });
    expect(error.hint).toContain('aws configure --profile nosuch');
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('an unreachable endpoint is a network error naming it', async () => {
    const client = env.client({ endpointUrl: 'http://127.0.0.1:9', maxAttempts: 1 });
    const error = await client.chat('hi').catch((caught) => caught);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('http://127.0.0.1:9');
  });
});

describe('a connection dropped mid-stream', () => {
  it('is an error, not a silently truncated reply', async () => {
    env.emulator.enqueue({ generate: { tokens: 200 } });
    env.emulator.fail({ kind: 'drop', afterEvents: 4 });
    const consume = async () => {
      for await (const _event of env.client().stream('hi')) {
        // reading until the end
      }
    };
    await expect(consume()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining('before the reply was complete'),
    });
  });
});

describe('more failures a user meets', () => {
  it('a connection dropped before the answer is a network error, not a timeout', async () => {
    env.emulator.fail({ kind: 'drop', times: 3 });
    const error = await env
      .client({ maxAttempts: 1 })
      .chat('hi')
      .catch((caught) => caught);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.hint).not.toContain('--timeout');
  });

  it('an alias whose profiles do not serve the region fails locally, naming what would work', async () => {
    const error = await env
      .client({ region: 'eu-west-1' })
      .chat('hi', { model: 'haiku-3.5' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'MODEL_NOT_IN_REGION', category: 'model' });
    expect(error.message).toContain('us.');
    expect(error.hint).toContain('us-east-1');
    expect(env.emulator.requests).toHaveLength(0);
  });
});

describe('prompt caching against the emulator', () => {
  // Above Haiku 4.5's 4,096-token minimum under both core's estimate and the emulator's tokeniser.
  const handbook = 'Section: expenses are refunded within 30 days of a receipt. '.repeat(300);

  it('writes a long system prompt on the first call and reads it on the next, saying what that saved', async () => {
    const client = env.client();
    const first = await client.complete('What is refunded?', { model: 'haiku-4.5', system: handbook });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({
      system: [{ text: handbook }, { cachePoint: { type: 'default' } }],
    });
    expect(first.usage.cacheWriteInputTokens).toBeGreaterThan(4_096);
    expect(first.usage.cacheDetails).toEqual([{ ttl: '5m', inputTokens: first.usage.cacheWriteInputTokens }]);
    expect(first.cacheSavedUsd).toBeLessThan(0);

    let second: ChatResult | undefined;
    for await (const event of client.stream('And when?', { model: 'haiku-4.5', system: handbook })) {
      if (event.type === 'result') second = event.result;
    }
    expect(second?.usage.cacheReadInputTokens).toBe(first.usage.cacheWriteInputTokens);
    expect(second?.usage.cacheWriteInputTokens).toBeUndefined();
    expect(second?.cacheSavedUsd).toBeGreaterThan(0);
    expect(second?.costUsd).toBeLessThan(first.costUsd ?? 0);
  });

  it('sends no cache point with cache: false, nor for a one-shot prompt without a system prompt', async () => {
    const client = env.client();
    const off = await client.complete('What is refunded?', {
      model: 'haiku-4.5',
      system: handbook,
      cache: false,
    });
    expect(env.emulator.requests.at(-1)?.body).toHaveProperty('system', [{ text: handbook }]);
    expect(off.usage.cacheWriteInputTokens).toBeUndefined();
    expect(off.cacheSavedUsd).toBeUndefined();
    await client.complete(handbook, { model: 'haiku-4.5' });
    expect(JSON.stringify(env.emulator.requests.at(-1)?.body)).not.toContain('cachePoint');
  });

  it('reads the stored history of a conversation on its next turn', async () => {
    const client = env.client();
    const store = createMemoryStore();
    const first = await sendPrompt({ runner: client, store, prompt: handbook, model: 'haiku-4.5' });
    const conversationId = first.conversation?.id;
    const second = await sendPrompt({ runner: client, store, conversationId, prompt: 'Summarise it.' });
    expect(second.result.usage.cacheWriteInputTokens).toBeGreaterThan(4_096);
    const third = await sendPrompt({ runner: client, store, conversationId, prompt: 'Shorter.' });
    expect(third.result.usage.cacheReadInputTokens).toBe(second.result.usage.cacheWriteInputTokens);
    // What is stored stays without cache points: they are added per request.
    const stored = await store.get(conversationId ?? '');
    expect(JSON.stringify(stored.messages)).not.toContain('cachePoint');
  });
});

describe('citations against the emulator', () => {
  const handbook = {
    document: {
      name: 'handbook',
      format: 'txt' as const,
      source: {
        bytes: Buffer.from('Expenses are refunded within 30 days. Travel is booked centrally.').toString(
          'base64',
        ),
      },
    },
  };
  const asked = [{ role: 'user' as const, content: [handbook, { text: 'What is refunded?' }] }];

  it('asks for citations with citations: true and lists them on the result, from Converse and the stream', async () => {
    const client = env.client();
    const result = await client.complete(asked, { model: 'sonnet-4.5', citations: true });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({
      messages: [
        { content: [{ document: { citations: { enabled: true } } }, { text: 'What is refunded?' }] },
      ],
    });
    const citation = {
      text: '\nhandbook says: Expenses are refunded within 30 days.',
      citedText: 'Expenses are refunded within 30 days.',
      documentTitle: 'handbook',
      location: { documentChar: { documentIndex: 0, start: 0, end: 37 } },
    };
    expect(result.citations).toEqual([citation]);
    expect(result.text).toContain('handbook says: Expenses are refunded within 30 days.');
    expect(result.message.content.some((block) => 'citationsContent' in block)).toBe(true);
    // The cited reply goes back as history unchanged.
    const next = await client.complete([...asked, result.message, userMessage('And travel?')], {
      model: 'sonnet-4.5',
    });
    expect(next.text).toMatch(/^Echo: And travel\?/);

    const events: ChatStreamEvent[] = [];
    for await (const event of client.stream(asked, { model: 'sonnet-4.5', citations: true }))
      events.push(event);
    expect(events.filter((event) => event.type === 'citation')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: { citations: [citation] } });
  });

  it('cites nothing without citations: true', async () => {
    const result = await env.client().complete(asked, { model: 'sonnet-4.5' });
    expect(result.citations).toBeUndefined();
  });
});
