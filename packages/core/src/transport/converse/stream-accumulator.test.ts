import { describe, expect, it } from 'vitest';
import { citedStream, priorityStream, toolUseStream } from './__fixtures__/stream-events.js';
import { StreamAccumulator } from './stream-accumulator.js';

describe('StreamAccumulator', () => {
  it('emits deltas in order and assembles the final message, stop reason and usage', () => {
    const accumulator = new StreamAccumulator();
    const events = toolUseStream.flatMap((event) => accumulator.push(event) ?? []);
    expect(events).toEqual([
      { type: 'reasoning', text: 'The user wants ', contentBlockIndex: 0 },
      { type: 'reasoning', text: 'the weather.', contentBlockIndex: 0 },
      { type: 'text', text: 'Let me ', contentBlockIndex: 1 },
      { type: 'text', text: 'check.', contentBlockIndex: 1 },
      {
        type: 'tool-use',
        block: { toolUse: { toolUseId: 'tool-1', name: 'weather', input: { city: 'Paris' } } },
        contentBlockIndex: 2,
      },
    ]);
    expect(accumulator.message()).toEqual({
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'The user wants the weather.', signature: 'sig-1' } } },
        { text: 'Let me check.' },
        { toolUse: { toolUseId: 'tool-1', name: 'weather', input: { city: 'Paris' } } },
      ],
    });
    expect(accumulator.stopReason).toBe('tool_use');
    expect(accumulator.usage).toEqual({
      inputTokens: 20,
      outputTokens: 12,
      totalTokens: 32,
      cacheReadInputTokens: 5,
    });
    expect(accumulator.serverLatencyMs).toBe(42);
  });

  it('keeps the tier and latency the metadata event reports, none when it names none', () => {
    const accumulator = new StreamAccumulator();
    for (const event of priorityStream) accumulator.push(event);
    expect(accumulator.served).toEqual({ serviceTier: 'priority', latency: 'optimized' });
    const plain = new StreamAccumulator();
    for (const event of toolUseStream) plain.push(event);
    expect(plain.served).toEqual({});
  });

  it('yields an empty message when nothing arrived', () => {
    expect(new StreamAccumulator().message()).toEqual({ role: 'assistant', content: [] });
  });

  it('streams a citation beside the text it backs, and folds both into a citationsContent block', () => {
    const accumulator = new StreamAccumulator();
    const events = citedStream.flatMap((event) => accumulator.push(event) ?? []);
    expect(events.map((event) => event.type)).toEqual(['text', 'citation', 'text', 'text']);
    expect(events[1]).toEqual({
      type: 'citation',
      contentBlockIndex: 1,
      citation: {
        title: 'handbook',
        sourceContent: [{ text: 'Expenses are refunded within 30 days of a receipt.' }],
        location: { documentPage: { documentIndex: 0, start: 1, end: 2 } },
      },
    });
    expect(accumulator.message().content[1]).toEqual({
      citationsContent: {
        content: [{ text: 'receipts are refunded within 30 days' }],
        citations: [
          {
            title: 'handbook',
            sourceContent: [{ text: 'Expenses are refunded within 30 days of a receipt.' }],
            location: { documentPage: { documentIndex: 0, start: 1, end: 2 } },
          },
        ],
      },
    });
  });
});
