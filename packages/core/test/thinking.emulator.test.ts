import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../src/agent/tool-definition.js';
import type { ChatStreamEvent } from '../src/client/chat-types.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { sendPrompt } from '../src/store/send-prompt.js';
import { withEmulator } from './emulator-env.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => env.close());
beforeEach(() => env.emulator.reset());

const weather: ToolDefinition<{ city: string }> = {
  name: 'weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  execute: ({ city }) => ({ city, sky: 'sunny' }),
};

describe('thinking and effort against the emulator', () => {
  it('asks for adaptive thinking with effort and returns the reasoning apart from the answer', async () => {
    const result = await env
      .client()
      .complete('Plan a trip', { model: 'opus-4.7', thinking: true, effort: 'xhigh' });
    expect(result.text).toBe('Echo: Plan a trip');
    expect(result.reasoning).toBe('Thinking at xhigh effort about: Plan a trip');
    expect(result.message.content[0]).toMatchObject({
      reasoningContent: { reasoningText: { text: 'Thinking at xhigh effort about: Plan a trip' } },
    });
    expect(env.emulator.requests.at(-1)?.body).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'adaptive', display: 'summarized' } },
      outputConfig: { effort: 'xhigh' },
      inferenceConfig: { maxTokens: 16_000 },
    });
  });

  it('streams reasoning as reasoning events, never as text', async () => {
    const events: ChatStreamEvent[] = [];
    const options = { model: 'sonnet-4.5', thinking: { budgetTokens: 2_048 } };
    for await (const event of env.client().stream('Why?', options)) events.push(event);
    const reasoning = events.flatMap((event) => (event.type === 'reasoning' ? [event.text] : []));
    const text = events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
    expect(reasoning.join('')).toBe('Thinking at high effort, within 2048 tokens about: Why?');
    expect(text.join('')).toBe('Echo: Why?');
  });

  it('refuses a bad combination before any call', async () => {
    await expect(env.client().complete('hi', { model: 'opus-4.7', effort: 'xhigh' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('effort xhigh needs thinking'),
    });
    await expect(env.client().complete('hi', { model: 'haiku-3.5', thinking: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED_BY_MODEL',
    });
    expect(env.emulator.requests).toHaveLength(0);
  });

  it('sends each step its reasoning back unchanged in a tool loop with budget thinking', async () => {
    const result = await env.client().complete('use weather {"city":"Lyon"}', {
      model: 'haiku-4.5',
      tools: [weather],
      thinking: { budgetTokens: 1_024 },
    });
    expect(result.stoppedBy).toBe('model');
    const second = env.emulator.requests.at(-1)?.body as { messages: { content: unknown[] }[] };
    // The emulator checks the signature and that the tool call's reasoning came first.
    expect(second.messages[1]?.content[0]).toHaveProperty('reasoningContent.reasoningText.signature');
  });

  it('stores the reasoning with the reply and sends it back on the next turn', async () => {
    const store = createMemoryStore();
    const client = env.client();
    const first = await sendPrompt({
      runner: client,
      store,
      prompt: 'Why?',
      model: 'sonnet-4.6',
      thinking: true,
    });
    const conversationId = first.conversation?.id ?? '';
    const stored = await store.get(conversationId);
    expect(stored.messages[1]?.content[0]).toHaveProperty('reasoningContent.reasoningText.signature');
    await sendPrompt({ runner: client, store, conversationId, prompt: 'And?', thinking: true });
    const body = env.emulator.requests.at(-1)?.body as { messages: { content: unknown[] }[] };
    expect(body.messages[1]?.content).toEqual(stored.messages[1]?.content);
  });
});
