import type { Usage } from '../messages/message-schemas.js';
import type { ModelInfo, ModelPrices } from './model-info.js';

export interface CacheWriteSplit {
  /** Of `usage.cacheWriteInputTokens`, those written with the 1-hour TTL (the rest: 5 minutes). */
  cacheWrite1hInputTokens?: number | undefined;
}

/** The prompt's length as Bedrock counts it for long-prompt pricing: fresh, read and written input. */
function promptTokens(usage: Usage): number {
  return usage.inputTokens + (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
}

function pricesFor(usage: Usage, info: ModelInfo): ModelPrices {
  const long = info.longPromptPricing;
  return long && promptTokens(usage) > long.aboveInputTokens ? long.pricePerMillion : info.pricePerMillion;
}

/**
 * Estimated on-demand cost in USD of one call, from the catalogue's prices. Cache reads and writes
 * are billed apart from `inputTokens` (Bedrock reports them separately), each at the model's own
 * cache price; a 1-hour write costs more than a 5-minute one where the caller says which it was.
 */
export function estimateCostUsd(
  usage: Usage,
  info: ModelInfo | undefined,
  prefix: string | undefined,
  split: CacheWriteSplit = {},
): number | undefined {
  if (!info) return undefined;
  const premium = prefix !== undefined && prefix !== 'global' ? (info.regionalProfilePremium ?? 1) : 1;
  const price = pricesFor(usage, info);
  const written = usage.cacheWriteInputTokens ?? 0;
  const written1h = Math.min(split.cacheWrite1hInputTokens ?? 0, written);
  const perMillion =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    (usage.cacheReadInputTokens ?? 0) * price.cacheRead +
    (written - written1h) * price.cacheWrite5m +
    written1h * (price.cacheWrite1h ?? price.cacheWrite5m);
  const cost = (perMillion * premium) / 1_000_000;
  // Micro-dollar precision keeps sums stable and JSON short.
  return Math.round(cost * 1_000_000) / 1_000_000;
}
