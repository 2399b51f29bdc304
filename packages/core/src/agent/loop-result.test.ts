import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../client/chat-types.js';
import type { ChatStep } from './chat-step.js';
import { loopResult } from './loop-result.js';

function step(number: number, figures: Partial<ChatResult>): ChatStep {
  const result: ChatResult = {
    text: `step ${number}`,
    message: { role: 'assistant', content: [{ text: `step ${number}` }] },
    stopReason: 'end_turn',
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    latencyMs: 1,
    modelId: 'model',
    costUsd: 0.001,
    inferenceConfig: { maxTokens: 100 },
    ...figures,
  };
  return { step: number, result, toolCalls: [] };
}

describe('loopResult', () => {
  it('adds up every step’s cache reads, writes and what caching saved, not just the last one’s', () => {
    const result = loopResult(
      [
        step(1, {
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 6015, cacheWriteInputTokens: 6000 },
          cacheSavedUsd: -0.0015,
        }),
        step(2, {}),
        step(3, {
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 6015, cacheReadInputTokens: 6000 },
          cacheSavedUsd: 0.0054,
        }),
      ],
      [],
      'model',
      3,
    );
    expect(result.usage).toEqual({
      inputTokens: 30,
      outputTokens: 15,
      totalTokens: 12045,
      cacheReadInputTokens: 6000,
      cacheWriteInputTokens: 6000,
    });
    expect(result.cacheSavedUsd).toBe(0.0039);
    expect(result.costUsd).toBeCloseTo(0.003);
  });

  it('says nothing was saved when no step used the cache', () => {
    const result = loopResult([step(1, {}), step(2, {})], [], 'model', 2);
    expect(result).not.toHaveProperty('cacheSavedUsd');
  });
});
