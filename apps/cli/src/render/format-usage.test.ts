import { describe, expect, it } from 'vitest';
import { formatUsage } from './format-usage.js';

describe('formatUsage', () => {
  it('shows tokens, cost and latency', () => {
    expect(
      formatUsage({
        usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
        costUsd: 0.00012,
        latencyMs: 340,
      }),
    ).toBe('12 in + 3 out = 15 tokens · ~$0.000120 · 340 ms');
  });

  it('shows cache reads and writes, and what caching saved or cost extra', () => {
    const read = { inputTokens: 20, outputTokens: 5, totalTokens: 6_025, cacheReadInputTokens: 6_000 };
    expect(formatUsage({ usage: read, costUsd: 0.0021, cacheSavedUsd: 0.0162 })).toBe(
      '20 in + 5 out = 6025 tokens · cache 6000 read / 0 written · ~$0.0021 · cache saved ~$0.0162',
    );
    const write = { inputTokens: 20, outputTokens: 5, totalTokens: 6_025, cacheWriteInputTokens: 6_000 };
    expect(formatUsage({ usage: write, costUsd: 0.0226, cacheSavedUsd: -0.0045 })).toBe(
      '20 in + 5 out = 6025 tokens · cache 0 read / 6000 written · ~$0.0226 · cache write cost ~$0.0045 extra',
    );
  });

  it('names the tier and latency the cost is priced at, and says when Bedrock did not confirm them', () => {
    const usage = { inputTokens: 12, outputTokens: 3, totalTokens: 15 };
    expect(
      formatUsage({
        usage,
        costUsd: 0.00006,
        serviceTier: { tier: 'flex', source: 'bedrock' },
        latency: { mode: 'optimized', source: 'requested' },
      }),
    ).toBe(
      '12 in + 3 out = 15 tokens · ~$0.000060 · flex tier · optimized latency (asked; Bedrock did not say)',
    );
  });

  it('says when the cost is unknown', () => {
    expect(formatUsage({ usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, costUsd: null })).toBe(
      '1 in + 1 out = 2 tokens · cost unknown',
    );
  });
});
