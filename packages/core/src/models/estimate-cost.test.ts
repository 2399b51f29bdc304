import { describe, expect, it } from 'vitest';
import { estimateCostUsd } from './estimate-cost.js';
import { findModelByBaseId } from './model-catalog.js';

describe('estimateCostUsd', () => {
  const haiku35 = findModelByBaseId('anthropic.claude-3-5-haiku-20241022-v1:0');
  const sonnet45 = findModelByBaseId('anthropic.claude-sonnet-4-5-20250929-v1:0');

  it('prices input and output per million tokens', () => {
    expect(
      estimateCostUsd(
        { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 },
        haiku35,
        'us',
      ),
    ).toBe(4.8);
  });

  it('adds the geography premium of the 4.5 models but not for global profiles', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000 };
    expect(estimateCostUsd(usage, sonnet45, 'global')).toBe(3);
    expect(estimateCostUsd(usage, sonnet45, 'us')).toBe(3.3);
  });

  it('bills cache reads at 10% and writes at 125% of input', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      cacheReadInputTokens: 1_000_000,
      cacheWriteInputTokens: 1_000_000,
    };
    expect(estimateCostUsd(usage, sonnet45, 'global')).toBeCloseTo(0.3 + 3.75, 6);
  });

  it("bills cache reads and writes at the model's own cache prices, 1-hour writes at theirs", () => {
    const opus55 = findModelByBaseId('anthropic.claude-opus-5-5');
    const cached = {
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      cacheReadInputTokens: 1_000_000,
      cacheWriteInputTokens: 2_000_000,
    };
    // Opus 5.5 reads at $0.20 (0.05× input), writes $5 (5 m) and $8 (1 h).
    expect(estimateCostUsd(cached, opus55, 'global')).toBeCloseTo(0.2 + 10, 6);
    expect(estimateCostUsd(cached, opus55, 'global', { cacheWrite1hInputTokens: 1_000_000 })).toBeCloseTo(
      0.2 + 5 + 8,
      6,
    );
  });

  it('prices the whole call at the long-prompt rate once its prompt passes the threshold', () => {
    const haiku55 = findModelByBaseId('anthropic.claude-haiku-5-5');
    const short = { inputTokens: 100_000, outputTokens: 1_000_000, totalTokens: 1_100_000 };
    expect(estimateCostUsd(short, haiku55, 'us')).toBeCloseTo(0.01 + 0.5, 6);
    // 60,000 fresh + 50,000 read from the cache: a 110,000-token prompt.
    const long = {
      inputTokens: 60_000,
      outputTokens: 1_000_000,
      totalTokens: 1_110_000,
      cacheReadInputTokens: 50_000,
    };
    expect(estimateCostUsd(long, haiku55, 'us')).toBeCloseTo(0.03 + 2.5 + 0.0025, 6);
  });

  it('is undefined for unknown models', () => {
    expect(
      estimateCostUsd({ inputTokens: 1, outputTokens: 1, totalTokens: 2 }, undefined, undefined),
    ).toBeUndefined();
  });

  it('prices Priority at 1.75 and Flex at 0.5 times the standard price, reserved and default at 1', () => {
    const sonnet46 = findModelByBaseId('anthropic.claude-sonnet-4-6');
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 };
    expect(estimateCostUsd(usage, sonnet46, 'global')).toBe(18);
    expect(estimateCostUsd(usage, sonnet46, 'global', { serviceTier: 'priority' })).toBe(31.5);
    expect(estimateCostUsd(usage, sonnet46, 'global', { serviceTier: 'flex' })).toBe(9);
    expect(estimateCostUsd(usage, sonnet46, 'global', { serviceTier: 'default' })).toBe(18);
    expect(estimateCostUsd(usage, sonnet46, 'global', { serviceTier: 'reserved' })).toBe(18);
  });

  it('prices a latency-optimized call at the optimized prices, a standard one at the standard', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, totalTokens: 2_000_000 };
    expect(estimateCostUsd(usage, haiku35, 'us', { latency: 'optimized' })).toBe(6);
    expect(estimateCostUsd(usage, haiku35, 'us', { latency: 'standard' })).toBe(4.8);
    // A model without an optimized version keeps its own prices.
    expect(estimateCostUsd(usage, sonnet45, 'global', { latency: 'optimized' })).toBe(18);
  });
});
