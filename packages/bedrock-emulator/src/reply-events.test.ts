import { describe, expect, it } from 'vitest';
import { chunkText, countDeltas, toConverseContent, toStreamEvents } from './reply-events.js';
import type { ReplyPlan } from './reply-plan.js';

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

describe('chunkText', () => {
  it('splits into chunkTokens × 4 code points without breaking surrogate pairs', () => {
    expect(chunkText('abcdefghij', 1)).toEqual(['abcd', 'efgh', 'ij']);
    expect(chunkText('😀😀😀😀😀', 1)).toEqual(['😀😀😀😀', '😀']);
    expect(chunkText('', 4)).toEqual([]);
  });
});

describe('toStreamEvents', () => {
  it('streams text as deltas between messageStart and messageStop', () => {
    const plan: ReplyPlan = {
      blocks: [{ type: 'text', text: 'Hello, world' }],
      stopReason: 'end_turn',
      usage,
    };
    expect(toStreamEvents(plan, 2)).toEqual([
      { eventType: 'messageStart', payload: { role: 'assistant' } },
      { eventType: 'contentBlockDelta', payload: { contentBlockIndex: 0, delta: { text: 'Hello, w' } } },
      { eventType: 'contentBlockDelta', payload: { contentBlockIndex: 0, delta: { text: 'orld' } } },
      { eventType: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
      { eventType: 'messageStop', payload: { stopReason: 'end_turn' } },
    ]);
  });

  it('opens tool use with contentBlockStart and streams its input as JSON text', () => {
    const plan: ReplyPlan = {
      blocks: [
        { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
        { type: 'toolUse', toolUse: { toolUseId: 't1', name: 'calc', input: { expression: '2+2' } } },
      ],
      stopReason: 'tool_use',
      usage,
    };
    const events = toStreamEvents(plan, 1);
    expect(events.slice(1, 4)).toEqual([
      {
        eventType: 'contentBlockDelta',
        payload: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm.' } } },
      },
      {
        eventType: 'contentBlockDelta',
        payload: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } },
      },
      { eventType: 'contentBlockStop', payload: { contentBlockIndex: 0 } },
    ]);
    expect(events[4]).toEqual({
      eventType: 'contentBlockStart',
      payload: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't1', name: 'calc' } } },
    });
    const input = events
      .flatMap((event) => {
        const payload = event.payload as { delta?: { toolUse?: { input: string } } };
        return payload.delta?.toolUse ? [payload.delta.toolUse.input] : [];
      })
      .join('');
    expect(JSON.parse(input)).toEqual({ expression: '2+2' });
    expect(countDeltas(events)).toBe(2 + 5); // reasoning text + signature; 20 chars of JSON in 4-char chunks
  });
});

describe('toConverseContent', () => {
  it('shapes blocks as Converse content', () => {
    const plan: ReplyPlan = {
      blocks: [
        { type: 'reasoning', text: 'r', signature: 's' },
        { type: 'text', text: 't' },
        { type: 'toolUse', toolUse: { toolUseId: 'id', name: 'n', input: { a: 1 } } },
      ],
      stopReason: 'tool_use',
      usage,
    };
    expect(toConverseContent(plan)).toEqual([
      { reasoningContent: { reasoningText: { text: 'r', signature: 's' } } },
      { text: 't' },
      { toolUse: { toolUseId: 'id', name: 'n', input: { a: 1 } } },
    ]);
  });
});
