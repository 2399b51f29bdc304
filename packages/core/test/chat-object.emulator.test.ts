import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure } from '../src/store/__fixtures__/expect-failure.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { sendPrompt } from '../src/store/send-prompt.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const trip = z.object({ city: z.string(), days: z.number().int().min(1), tags: z.array(z.string()) });
const prompt = 'Plan a trip to Oslo.';

describe('chatObject', () => {
  it('returns the parsed object from native structured output (outputConfig)', async () => {
    const result = await env.client().chatObject(prompt, { model: 'haiku-4.5', schema: trip });
    expect(result.object).toEqual({ city: 'city', days: 1, tags: ['tags 1'] });
    expect(result.text).toBe('{"city":"city","days":1,"tags":["tags 1"]}');
    expect(result.stopReason).toBe('end_turn');
    expect(result.warnings).toBeUndefined();
    const sent = env.emulator.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.toolConfig).toBeUndefined();
    expect(sent.outputConfig).toMatchObject({ textFormat: { type: 'json_schema' } });
  });

  it('falls back to a forced tool on a model without it, the call turned into the JSON text', async () => {
    const result = await env.client().chatObject(prompt, { model: 'sonnet-4', schema: trip });
    expect(result.object).toEqual({ city: 'city', days: 1, tags: ['tags 1'] });
    expect(result.message).toEqual({
      role: 'assistant',
      content: [{ text: '{"city":"city","days":1,"tags":["tags 1"]}' }],
    });
    expect(result.stopReason).toBe('end_turn');
    const sent = env.emulator.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.outputConfig).toBeUndefined();
    expect(sent.toolConfig).toMatchObject({ toolChoice: { tool: { name: 'response' } } });
  });

  it('turns thinking asked for off on the fallback, and says so', async () => {
    const result = await env.client().chatObject(prompt, { model: 'sonnet-4', schema: trip, thinking: true });
    expect(result.object).toMatchObject({ city: 'city' });
    expect(result.warnings).toEqual([
      'Claude Sonnet 4 has no native structured output; the schema was sent as a forced tool call, and Bedrock refuses thinking with one ("Thinking may not be enabled when tool_choice forces tool use"), so thinking was turned off for this call.',
    ]);
    const sent = env.emulator.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.additionalModelRequestFields).toBeUndefined();
  });

  it('turns the default thinking of Haiku 5.5 off for the fallback, so Bedrock takes the forced tool', async () => {
    const result = await env.client().chatObject(prompt, { model: 'haiku-5.5', schema: trip });
    expect(result.object).toMatchObject({ city: 'city' });
  });

  it('streams the JSON text on both paths, then the result with its object', async () => {
    for (const model of ['haiku-4.5', 'sonnet-4']) {
      const texts: string[] = [];
      let object: unknown;
      for await (const event of env.client().streamObject(prompt, { model, schema: trip })) {
        if (event.type === 'text') texts.push(event.text);
        if (event.type === 'tool-use') throw new Error('the forced call must arrive as text');
        if (event.type === 'result') object = event.result.object;
      }
      expect(texts.join('')).toBe('{"city":"city","days":1,"tags":["tags 1"]}');
      expect(object).toEqual({ city: 'city', days: 1, tags: ['tags 1'] });
    }
  });

  it('takes a JSON Schema object too', async () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string', enum: ['yes', 'no'] } },
      required: ['answer'],
      additionalProperties: false,
    };
    const result = await env.client().chatObject(prompt, { model: 'sonnet-4.5', schema });
    expect(result.object).toEqual({ answer: 'yes' });
  });

  it('refuses a schema Bedrock would refuse before any call', async () => {
    const error = await failure(
      env.client().chatObject(prompt, {
        model: 'haiku-4.5',
        schema: {
          type: 'object',
          properties: { n: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
      }),
    );
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.message).toBe(
      "Claude Haiku 4.5's structured output on Bedrock does not take this schema: properties.n: For 'integer' type, property 'minimum' is not supported.",
    );
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('takes an ordinary JSON Schema (objects left open) on both paths, as Bedrock does', async () => {
    const ordinary = {
      type: 'object',
      properties: {
        answer: { type: 'string' },
        sources: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
      },
      required: ['answer'],
    };
    for (const model of ['haiku-4.5', 'sonnet-4']) {
      const result = await env.client().chatObject(prompt, { model, schema: ordinary });
      expect(result.object).toMatchObject({ answer: 'answer' });
    }
    interface Sent {
      outputConfig: { textFormat: { structure: { jsonSchema: { schema: string } } } };
      toolConfig: { tools: { toolSpec: { inputSchema: { json: unknown } } }[] };
    }
    const [native, fallback] = env.emulator.requests.map((request) => request.body as Sent);
    // Closed for textFormat, which requires it; sent as given to the forced tool.
    expect(JSON.parse(native?.outputConfig.textFormat.structure.jsonSchema.schema ?? '')).toMatchObject({
      additionalProperties: false,
      properties: { sources: { items: { additionalProperties: false } } },
    });
    expect(fallback?.toolConfig.tools[0]?.toolSpec.inputSchema.json).toEqual(ordinary);
  });

  it('refuses effort above high where the schema turns thinking off, before any call', async () => {
    const error = await failure(
      env.client().chatObject(prompt, { model: 'opus-4.7', schema: trip, thinking: true, effort: 'xhigh' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toMatchObject({ option: 'effort' });
    expect(env.emulator.requests).toHaveLength(0);
    const high = await env
      .client()
      .chatObject(prompt, { model: 'opus-4.7', schema: trip, thinking: true, effort: 'high' });
    expect(high.object).toMatchObject({ city: 'city' });
  });

  it('is a coded error with the raw text when the reply does not match, and nothing is stored', async () => {
    env.emulator.enqueue({ text: '{"city":"Oslo","days":0,"tags":[]}' });
    const store = createMemoryStore();
    const error = await failure(
      sendPrompt({ runner: env.client(), store, prompt, model: 'haiku-4.5', schema: trip }),
    );
    expect(error.code).toBe('OUTPUT_INVALID');
    expect(error.message).toBe(
      'The reply does not match the schema: days: Too small: expected number to be >=1.',
    );
    expect(error.details).toMatchObject({
      rawText: '{"city":"Oslo","days":0,"tags":[]}',
      conversationUnchanged: true,
    });
    expect((await store.list({})).conversations).toHaveLength(0);
  });

  it('stores a structured turn as the JSON text in both paths', async () => {
    const store = createMemoryStore();
    const { conversation, result } = await sendPrompt({
      runner: env.client(),
      store,
      prompt,
      model: 'sonnet-4',
      schema: trip,
    });
    expect(result.object).toMatchObject({ city: 'city' });
    const stored = await store.get(conversation?.id ?? '');
    expect(stored.messages.at(-1)?.content).toEqual([{ text: '{"city":"city","days":1,"tags":["tags 1"]}' }]);
  });
});
