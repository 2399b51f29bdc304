import type { Usage } from '../messages/message-schemas.js';
import type { LatencyMode, ModelInfo, ModelPrices, ServedServiceTier } from './model-info.js';
import { SERVICE_TIER_PRICE_MULTIPLIER } from './service-tiers.js';

export interface CacheWriteSplit {
  /** Of `usage.cacheWriteInputTokens`, those written with the 1-hour TTL (the rest: 5 minutes). */
  cacheWrite1hInputTokens?: number | undefined;
}

/** How the call was served, where that changes its price. */
export interface ServedPricing {
  /** `priority` and `flex` are priced as multiples of the standard price (models/service-tiers.ts). */
  serviceTier?: ServedServiceTier | undefined;
  /** `optimized` is priced at the model's latency-optimized prices, where it has them. */
  latency?: LatencyMode | undefined;
}

export type CostOptions = CacheWriteSplit & ServedPricing;

/** The prompt's length as Bedrock counts it for long-prompt pricing: fresh, read and written input. */
function promptTokens(usage: Usage): number {
  return usage.inputTokens + (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
}

function pricesFor(usage: Usage, info: ModelInfo, latency: LatencyMode | undefined): ModelPrices {
  if (latency === 'optimized' && info.latencyOptimized) return info.latencyOptimized.pricePerMillion;
  const long = info.longPromptPricing;
  return long && promptTokens(usage) > long.aboveInputTokens ? long.pricePerMillion : info.pricePerMillion;
}

/** The tier's multiple of the standard price; `reserved` is billed by its reservation, not per call. */
function tierMultiplier(tier: ServedServiceTier | undefined): number {
  return tier === 'priority' || tier === 'flex' ? SERVICE_TIER_PRICE_MULTIPLIER[tier] : 1;
}

/**
 * Estimated on-demand cost in USD of one call, from the catalogue's prices. Cache reads and writes
 * are billed apart from `inputTokens` (Bedrock reports them separately), each at the model's own
 * cache price; a 1-hour write costs more than a 5-minute one where the caller says which it was.
 * A Priority or Flex call, or a latency-optimized one, is priced as such.
 */
export function estimateCostUsd(
  usage: Usage,
  info: ModelInfo | undefined,
  prefix: string | undefined,
  split: CostOptions = {},
): number | undefined {
  if (!info) return undefined;
  const regional = prefix !== undefined && prefix !== 'global' ? (info.regionalProfilePremium ?? 1) : 1;
  const premium = regional * tierMultiplier(split.serviceTier);
  const price = pricesFor(usage, info, split.latency);
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
