import type { Usage } from '../messages/message-schemas.js';
import { estimateCostUsd, type ServedPricing } from './estimate-cost.js';
import type { ModelInfo } from './model-info.js';

/** Of the call's cache writes, those with the 1-hour TTL (Bedrock's `cacheDetails`). */
export function oneHourCacheWrites(usage: Usage): number {
  return usage.cacheDetails?.find((detail) => detail.ttl === '1h')?.inputTokens ?? 0;
}

/** The call's estimated cost, with each cache write at the price of its TTL, at its tier's price. */
export function callCostUsd(
  usage: Usage,
  info: ModelInfo | undefined,
  prefix: string | undefined,
  served: ServedPricing = {},
) {
  return estimateCostUsd(usage, info, prefix, {
    ...served,
    cacheWrite1hInputTokens: oneHourCacheWrites(usage),
  });
}

/**
 * What caching saved on one call: its cost had every cached token been plain input, less what it
 * cost. Negative on a call that only wrote (a write costs more than input); undefined when
 * nothing was read or written, or the model is not priced.
 */
export function cacheSavingsUsd(
  usage: Usage,
  info: ModelInfo | undefined,
  prefix: string | undefined,
  served: ServedPricing = {},
): number | undefined {
  const cached = (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  if (cached === 0) return undefined;
  const actual = callCostUsd(usage, info, prefix, served);
  const uncached = estimateCostUsd(
    {
      inputTokens: usage.inputTokens + cached,
      outputTokens: usage.outputTokens,
      totalTokens: usage.totalTokens,
    },
    info,
    prefix,
    served,
  );
  if (actual === undefined || uncached === undefined) return undefined;
  return Math.round((uncached - actual) * 1_000_000) / 1_000_000;
}
