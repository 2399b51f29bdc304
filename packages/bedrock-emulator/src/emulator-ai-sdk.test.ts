import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './emulator.js';
import { HAIKU_PROFILE } from './sdk-test-clients.js';

/**
 * An independent client: the AI SDK signs with its own SigV4 code (or sends the API key) and
 * parses the event stream itself, over fetch (HTTP/1.1).
 */
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.reset());
afterAll(async () => {
  await emulator.close();
});

const providers = {
  sigv4: () =>
    createAmazonBedrock({
      region: 'us-east-1',
      baseURL: emulator.url,
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'x',
    }),
  bearer: () => createAmazonBedrock({ region: 'us-east-1', baseURL: emulator.url, apiKey: 'ai-sdk-key' }),
};

describe.each(['sigv4', 'bearer'] as const)('ai@6 with @ai-sdk/amazon-bedrock (%s)', (auth) => {
  it('generateText gets the echo and its usage', async () => {
    const result = await generateText({
      model: providers[auth]()(HAIKU_PROFILE),
      system: 'Answer briefly.',
      prompt: 'Hello from the AI SDK',
      maxRetries: 0,
    });
    expect(result.text).toBe('Echo: Hello from the AI SDK');
    expect(result.finishReason).toBe('stop');
    // "Answer briefly." (15) + "Hello from the AI SDK" (21) = 36 chars → 9; reply 27 chars → 7.
    expect(result.usage.inputTokens).toBe(9);
    expect(result.usage.outputTokens).toBe(7);
    expect(emulator.requests[0]).toMatchObject({
      operation: 'Converse',
      httpVersion: '1.1',
      auth: { scheme: auth },
    });
  });

  it('streamText assembles the streamed deltas and reads usage from metadata', async () => {
    emulator.enqueue({ text: 'Streaming through an independent event-stream parser.' });
    const result = streamText({
      model: providers[auth]()(HAIKU_PROFILE),
      prompt: 'stream it',
      maxRetries: 0,
    });
    const chunks: string[] = [];
    for await (const chunk of result.textStream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('Streaming through an independent event-stream parser.');
    expect(await result.usage).toMatchObject({ inputTokens: 3, outputTokens: 14 });
    expect(await result.finishReason).toBe('stop');
    expect(emulator.requests[0]?.operation).toBe('ConverseStream');
  });
});

describe('ai@6 tool calls', () => {
  it('receives a streamed tool call with parsed input', async () => {
    emulator.enqueue({ toolUse: { toolUseId: 'tool-7', name: 'get_time', input: { zone: 'UTC' } } });
    const result = streamText({
      model: providers.sigv4()(HAIKU_PROFILE),
      prompt: 'What time is it?',
      tools: {
        get_time: tool({
          description: 'Current time in a zone',
          inputSchema: jsonSchema<{ zone: string }>({
            type: 'object',
            properties: { zone: { type: 'string' } },
          }),
        }),
      },
      maxRetries: 0,
    });
    expect(await result.toolCalls).toMatchObject([
      { toolCallId: 'tool-7', toolName: 'get_time', input: { zone: 'UTC' } },
    ]);
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('runs the AI SDK’s own loop by the prompt convention: two parallel calls, results, a quoting answer', async () => {
    const cities: string[] = [];
    const result = await generateText({
      model: providers.sigv4()(HAIKU_PROFILE),
      prompt: 'use weather {"city":"Paris"} and use weather {"city":"Oslo"}',
      tools: {
        weather: tool({
          description: 'Weather in a city',
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          }),
          execute: async ({ city }) => {
            cities.push(city);
            return `sunny in ${city}`;
          },
        }),
      },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    expect(cities).toEqual(['Paris', 'Oslo']);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe('Tool results:\nweather: sunny in Paris\nweather: sunny in Oslo');
    expect(result.finishReason).toBe('stop');
  });
});
