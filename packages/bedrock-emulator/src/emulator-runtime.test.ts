import {
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  CountTokensCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { signReasoning } from './reasoning-signature.js';
import { type ClientAuth, HAIKU_PROFILE, type Transport, useEmulator, userText } from './sdk-test-clients.js';

const fixture = useEmulator();
const emulator = fixture.emulator;
const client = fixture.client;

async function collect(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

function streamedText(events: readonly ConverseStreamOutput[]): string {
  return events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
}

describe.each<[Transport, ClientAuth]>([
  ['http2', 'sigv4'],
  ['http2', 'bearer'],
  ['http1', 'sigv4'],
  ['http1', 'bearer'],
])('AWS SDK over %s with %s', (transport, auth) => {
  const expectedVersion = transport === 'http2' ? '2' : '1.1';

  it('answers Converse with the echo, usage and latency', async () => {
    const output = await client({ transport, auth }).send(
      new ConverseCommand({ modelId: HAIKU_PROFILE, messages: [userText('Hello emulator')] }),
    );
    expect(output.output?.message).toEqual({
      role: 'assistant',
      content: [{ text: 'Echo: Hello emulator' }],
    });
    expect(output.stopReason).toBe('end_turn');
    // "Hello emulator" is 14 chars → 4 tokens; "Echo: Hello emulator" is 20 → 5.
    expect(output.usage).toEqual({ inputTokens: 4, outputTokens: 5, totalTokens: 9 });
    expect(output.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(emulator().requests).toHaveLength(1);
    expect(emulator().requests[0]).toMatchObject({
      operation: 'Converse',
      modelId: HAIKU_PROFILE,
      httpVersion: expectedVersion,
      auth: { scheme: auth },
      status: 200,
    });
    expect(emulator().requests[0]?.headers.authorization).toBeUndefined();
  });

  it('streams ConverseStream deltas that assemble into the reply, then metadata', async () => {
    emulator().enqueue({ text: 'A streamed reply long enough to need several deltas.' });
    const response = await client({ transport, auth }).send(
      new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText('stream please')] }),
    );
    const events = await collect(response.stream);
    expect(events[0]).toEqual({ messageStart: { role: 'assistant' } });
    expect(events.filter((event) => event.contentBlockDelta).length).toBeGreaterThan(1);
    expect(streamedText(events)).toBe('A streamed reply long enough to need several deltas.');
    expect(events.at(-2)).toEqual({ messageStop: { stopReason: 'end_turn' } });
    expect(events.at(-1)?.metadata?.usage).toEqual({ inputTokens: 4, outputTokens: 13, totalTokens: 17 });
    expect(emulator().requests[0]).toMatchObject({
      operation: 'ConverseStream',
      httpVersion: expectedVersion,
    });
  });

  it('counts tokens exactly as Converse does', async () => {
    const messages = [userText('How many tokens is this?')];
    const system = [{ text: 'Be exact.' }];
    const counted = await client({ transport, auth }).send(
      new CountTokensCommand({
        modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
        input: { converse: { messages, system } },
      }),
    );
    const conversed = await client({ transport, auth }).send(
      new ConverseCommand({ modelId: HAIKU_PROFILE, messages, system }),
    );
    expect(counted.inputTokens).toBe(9); // 24 + 9 chars
    expect(conversed.usage?.inputTokens).toBe(counted.inputTokens);
  });
});

describe('CountTokens with cache points', () => {
  it('counts the whole prompt: cache points add nothing, and the count is what Converse bills in all, cached or not', async () => {
    // Above Haiku 4.5's 4,096-token minimum, so Converse writes and then reads the prefix.
    const system = [
      { text: 'Policy: refunds within 30 days. '.repeat(600) },
      { cachePoint: { type: 'default' as const } },
    ];
    const messages = [
      {
        role: 'user' as const,
        content: [{ text: 'Summarise.' }, { cachePoint: { type: 'default' as const } }],
      },
    ];
    const toolConfig = {
      tools: [
        { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } },
        { cachePoint: { type: 'default' as const } },
      ],
    };
    const count = async () =>
      (
        await client().send(
          new CountTokensCommand({
            modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
            input: { converse: { messages, system, toolConfig } },
          }),
        )
      ).inputTokens;
    const counted = await count();
    const without = await client().send(
      new CountTokensCommand({
        modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
        input: {
          converse: {
            messages: [userText('Summarise.')],
            system: [{ text: 'Policy: refunds within 30 days. '.repeat(600) }],
            toolConfig: {
              tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }],
            },
          },
        },
      }),
    );
    expect(counted).toBe(without.inputTokens);
    const billed = async () => {
      const { usage } = await client().send(
        new ConverseCommand({ modelId: HAIKU_PROFILE, messages, system, toolConfig }),
      );
      return usage;
    };
    // Counting wrote nothing: the first Converse writes the prefix, the second reads it.
    const first = await billed();
    expect(first?.cacheWriteInputTokens).toBeGreaterThan(4_096);
    expect(first?.cacheReadInputTokens ?? 0).toBe(0);
    const second = await billed();
    expect(second?.cacheReadInputTokens).toBe(first?.cacheWriteInputTokens);
    for (const usage of [first, second]) {
      expect(
        (usage?.inputTokens ?? 0) + (usage?.cacheReadInputTokens ?? 0) + (usage?.cacheWriteInputTokens ?? 0),
      ).toBe(counted);
    }
    expect(await count()).toBe(counted);
  });
});

describe('Converse behaviour (HTTP/2, SigV4)', () => {
  it('records what the client sent: system prompt, inference config, messages, region', async () => {
    await client().send(
      new ConverseCommand({
        modelId: HAIKU_PROFILE,
        system: [{ text: 'You are a pirate.' }],
        messages: [
          userText('Ahoy'),
          { role: 'assistant', content: [{ text: 'Arr' }] },
          userText('Where is the gold?'),
        ],
        inferenceConfig: { temperature: 0.2, maxTokens: 300 },
      }),
    );
    const [request] = emulator().requests;
    expect(request?.region).toBe('us-east-1');
    expect(request?.auth).toMatchObject({ scheme: 'sigv4', accessKeyId: 'AKIDEXAMPLE', service: 'bedrock' });
    expect(request?.body).toEqual({
      system: [{ text: 'You are a pirate.' }],
      messages: [
        { role: 'user', content: [{ text: 'Ahoy' }] },
        { role: 'assistant', content: [{ text: 'Arr' }] },
        { role: 'user', content: [{ text: 'Where is the gold?' }] },
      ],
      inferenceConfig: { temperature: 0.2, maxTokens: 300 },
    });
  });

  it('accepts inference-profile ARNs and application profiles, with ":" and "/" encoded in the path', async () => {
    const arns = [
      `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU_PROFILE}`,
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456',
    ];
    for (const modelId of arns) {
      const output = await client().send(new ConverseCommand({ modelId, messages: [userText('via ARN')] }));
      expect(output.output?.message?.content).toEqual([{ text: 'Echo: via ARN' }]);
    }
    expect(emulator().requests.map((request) => request.modelId)).toEqual(arns);
    expect(emulator().requests[0]?.path).toContain('%2F');
    expect(emulator().requests[0]?.path).toContain('%3A');
  });

  it('cuts the reply at maxTokens and at stop sequences', async () => {
    const cut = await client().send(
      new ConverseCommand({
        modelId: HAIKU_PROFILE,
        messages: [userText('a fairly long question for the model')],
        inferenceConfig: { maxTokens: 3 },
      }),
    );
    expect(cut.output?.message?.content).toEqual([{ text: 'Echo: a fair' }]);
    expect(cut.stopReason).toBe('max_tokens');
    expect(cut.usage?.outputTokens).toBe(3);

    emulator().enqueue({ text: 'Step 1. Step 2. END Step 3.' });
    const stopped = await client().send(
      new ConverseCommand({
        modelId: HAIKU_PROFILE,
        messages: [userText('go')],
        inferenceConfig: { stopSequences: ['END'] },
      }),
    );
    expect(stopped.output?.message?.content).toEqual([{ text: 'Step 1. Step 2. ' }]);
    expect(stopped.stopReason).toBe('stop_sequence');
  });

  it('plays scripted replies in order, then falls back to the echo', async () => {
    emulator().enqueue({ text: 'first' }, { text: 'second', usage: { inputTokens: 1000 } });
    const texts: unknown[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const output = await client().send(
        new ConverseCommand({ modelId: HAIKU_PROFILE, messages: [userText('next')] }),
      );
      texts.push(output.output?.message?.content?.[0]?.text, output.usage?.inputTokens);
    }
    expect(texts).toEqual(['first', 1, 'second', 1000, 'Echo: next', 1]);
    expect(emulator().pendingReplies).toBe(0);
  });

  it('returns reasoning and tool use blocks from Converse', async () => {
    emulator().enqueue({
      reasoning: { text: 'The user wants the weather.', signature: 'sig-1' },
      toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Lyon' } },
    });
    const output = await client().send(
      new ConverseCommand({ modelId: HAIKU_PROFILE, messages: [userText('Weather in Lyon?')] }),
    );
    expect(output.stopReason).toBe('tool_use');
    expect(output.output?.message?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'The user wants the weather.', signature: 'sig-1' } } },
      { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Lyon' } } },
    ]);
  });

  it('echoes the effort asked for in the reasoning, and refuses xhigh without thinking (AWS SDK wire)', async () => {
    const opus47 = 'us.anthropic.claude-opus-4-7';
    const output = await client().send(
      new ConverseCommand({
        modelId: opus47,
        messages: [userText('plan it')],
        additionalModelRequestFields: { thinking: { type: 'adaptive' } },
        outputConfig: { effort: 'xhigh' },
      }),
    );
    expect(output.output?.message?.content?.[0]).toEqual({
      reasoningContent: {
        reasoningText: {
          text: 'Thinking at xhigh effort about: plan it',
          signature: signReasoning('Thinking at xhigh effort about: plan it'),
        },
      },
    });
    await expect(
      client().send(
        new ConverseCommand({
          modelId: opus47,
          messages: [userText('hi')],
          outputConfig: { effort: 'xhigh' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "The model returned the following errors: output_config.effort 'xhigh' is not supported when thinking is disabled on this model. Use effort 'high' or below, or enable thinking.",
    });
  });

  it.each([
    [
      'blank text',
      { modelId: HAIKU_PROFILE, messages: [userText('   ')] },
      'The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.',
    ],
    [
      'an unknown model',
      { modelId: 'anthropic.claude-9-v1:0', messages: [userText('hi')] },
      'The provided model identifier is invalid.',
    ],
    [
      'a bare id of a profile-only model',
      { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', messages: [userText('hi')] },
      "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    ],
    [
      'temperature above 1',
      { modelId: HAIKU_PROFILE, messages: [userText('hi')], inferenceConfig: { temperature: 1.5 } },
      "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    ],
  ])('rejects %s with ValidationException', async (_, input, message) => {
    const error = await client()
      .send(new ConverseCommand(input))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(message);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
    expect(emulator().requests[0]?.status).toBe(400);
  });
});

describe('ConverseStream behaviour (HTTP/2, SigV4)', () => {
  it('streams a tool call as contentBlockStart plus input JSON deltas', async () => {
    emulator().enqueue({
      text: 'Let me check.',
      toolUse: { toolUseId: 'tooluse_42', name: 'lookup_order', input: { orderId: 'A-1001', verbose: true } },
    });
    const response = await client().send(
      new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText('Where is my order?')] }),
    );
    const events = await collect(response.stream);
    expect(streamedText(events)).toBe('Let me check.');
    expect(events).toContainEqual({
      contentBlockStart: {
        contentBlockIndex: 1,
        start: { toolUse: { toolUseId: 'tooluse_42', name: 'lookup_order' } },
      },
    });
    const inputJson = events.map((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
    expect(JSON.parse(inputJson)).toEqual({ orderId: 'A-1001', verbose: true });
    expect(events).toContainEqual({ contentBlockStop: { contentBlockIndex: 1 } });
    expect(events).toContainEqual({ messageStop: { stopReason: 'tool_use' } });
  });

  it('streams reasoning text and its signature before the answer', async () => {
    emulator().enqueue({
      reasoning: { text: 'Two plus two is four.', signature: 'c2lnbmF0dXJl' },
      text: '4',
    });
    const response = await client().send(
      new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText('2+2?')] }),
    );
    const events = await collect(response.stream);
    const reasoning = events.flatMap((event) => {
      const delta = event.contentBlockDelta;
      return delta?.contentBlockIndex === 0 && delta.delta?.reasoningContent
        ? [delta.delta.reasoningContent]
        : [];
    });
    expect(reasoning.map((part) => part.text ?? '').join('')).toBe('Two plus two is four.');
    expect(reasoning.at(-1)).toEqual({ signature: 'c2lnbmF0dXJl' });
    expect(streamedText(events)).toBe('4');
  });

  it('serves concurrent streams on one HTTP/2 session independently', async () => {
    const shared = client();
    const prompts = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const texts = await Promise.all(
      prompts.map(async (prompt) => {
        const response = await shared.send(
          new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText(prompt)] }),
        );
        return streamedText(await collect(response.stream));
      }),
    );
    expect(texts).toEqual(prompts.map((prompt) => `Echo: ${prompt}`));
    expect(
      emulator().requests.every((request) => request.httpVersion === '2' && request.status === 200),
    ).toBe(true);
  });

  it('generates long replies in chunks of the configured size', async () => {
    emulator().setDefaults({ chunkTokens: 50 });
    emulator().enqueue({ generate: { tokens: 16_000 } });
    const response = await client().send(
      new ConverseStreamCommand({
        modelId: HAIKU_PROFILE,
        messages: [userText('Write a lot.')],
        inferenceConfig: { maxTokens: 64_000 },
      }),
    );
    const events = await collect(response.stream);
    expect(events.filter((event) => event.contentBlockDelta)).toHaveLength(320);
    expect(events.at(-1)?.metadata?.usage?.outputTokens).toBe(16_000);
    expect(streamedText(events).split(' ')).toHaveLength(16_000);
  });

  it('holds replies, each request recorded on arrival, until released', async () => {
    const release = emulator().hold();
    const shared = client();
    const replies = ['one', 'two', 'three'].map(async (prompt) => {
      const response = await shared.send(
        new ConverseStreamCommand({ modelId: HAIKU_PROFILE, messages: [userText(prompt)] }),
      );
      return streamedText(await collect(response.stream));
    });
    const plain = shared.send(new ConverseCommand({ modelId: HAIKU_PROFILE, messages: [userText('four')] }));
    while (emulator().requests.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    // Every request is in, none answered.
    expect(emulator().requests.map((request) => request.status)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    release();
    expect(await Promise.all(replies)).toEqual(['Echo: one', 'Echo: two', 'Echo: three']);
    expect((await plain).output?.message?.content).toEqual([{ text: 'Echo: four' }]);
  });
});
