import { describe, expect, it } from 'vitest';
import { cacheSavingsUsd, callCostUsd } from './cache-savings.js';
import { findModelByBaseId } from './model-catalog.js';

const sonnet45 = findModelByBaseId('anthropic.claude-sonnet-4-5-20250929-v1:0');

describe('cache savings', () => {
  it('prices 1-hour writes at the 1-hour price, from cacheDetails', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 1_000_000,
      cacheWriteInputTokens: 1_000_000,
      cacheDetails: [
        { ttl: '1h' as const, inputTokens: 400_000 },
        { ttl: '5m' as const, inputTokens: 600_000 },
      ],
    };
    // $3 input: 0.4 M × $6 (2×) + 0.6 M × $3.75 (1.25×)
    expect(callCostUsd(usage, sonnet45, 'global')).toBe(4.65);
  });

  it('says what a read saved, and what a write cost extra, against billing every token as input', () => {
    const read = { inputTokens: 100, outputTokens: 0, totalTokens: 10_100, cacheReadInputTokens: 10_000 };
    // 10,000 tokens at $3 per million instead of $0.30: $0.027 saved.
    expect(cacheSavingsUsd(read, sonnet45, 'global')).toBe(0.027);
    const write = { inputTokens: 100, outputTokens: 0, totalTokens: 10_100, cacheWriteInputTokens: 10_000 };
    expect(cacheSavingsUsd(write, sonnet45, 'global')).toBe(-0.0075);
  });

  it('is undefined without cache tokens or without a price', () => {
    const plain = { inputTokens: 100, outputTokens: 5, totalTokens: 105 };
    expect(cacheSavingsUsd(plain, sonnet45, 'global')).toBeUndefined();
    expect(cacheSavingsUsd({ ...plain, cacheReadInputTokens: 10 }, undefined, 'global')).toBeUndefined();
  });
});
