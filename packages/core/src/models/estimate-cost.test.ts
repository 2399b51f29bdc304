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

  it('is undefined for unknown models', () => {
    expect(
      estimateCostUsd({ inputTokens: 1, outputTokens: 1, totalTokens: 2 }, undefined, undefined),
    ).toBeUndefined();
  });
});
