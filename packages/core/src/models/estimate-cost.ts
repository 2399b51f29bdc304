import type { Usage } from '../messages/message-schemas.js';
import type { ModelInfo } from './model-catalog.js';

const CACHE_READ_FACTOR = 0.1;
const CACHE_WRITE_FACTOR = 1.25;

/**
 * Estimated on-demand cost in USD of one call, from the catalogue's prices. Cache reads and writes
 * are billed apart from `inputTokens` (Bedrock reports them separately).
 */
export function estimateCostUsd(
  usage: Usage,
  info: ModelInfo | undefined,
  prefix: string | undefined,
): number | undefined {
  if (!info) return undefined;
  const premium = prefix !== undefined && prefix !== 'global' ? (info.regionalProfilePremium ?? 1) : 1;
  const input = (info.pricePerMillion.input * premium) / 1_000_000;
  const output = (info.pricePerMillion.output * premium) / 1_000_000;
  const cost =
    usage.inputTokens * input +
    usage.outputTokens * output +
    (usage.cacheReadInputTokens ?? 0) * input * CACHE_READ_FACTOR +
    (usage.cacheWriteInputTokens ?? 0) * input * CACHE_WRITE_FACTOR;
  // Micro-dollar precision keeps sums stable and JSON short.
  return Math.round(cost * 1_000_000) / 1_000_000;
}
