import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { Usage } from '../../messages/message-schemas.js';

/** Converse's token usage → ours; the cache counts only when there are any. */
export function usageFromSdk(usage: TokenUsage | undefined): Usage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  const mapped: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: usage?.totalTokens ?? inputTokens + outputTokens,
  };
  if (usage?.cacheReadInputTokens) mapped.cacheReadInputTokens = usage.cacheReadInputTokens;
  if (usage?.cacheWriteInputTokens) mapped.cacheWriteInputTokens = usage.cacheWriteInputTokens;
  const details = usage?.cacheDetails?.flatMap((detail) =>
    (detail.ttl === '5m' || detail.ttl === '1h') && detail.inputTokens
      ? [{ ttl: detail.ttl, inputTokens: detail.inputTokens }]
      : [],
  );
  if (details?.length) mapped.cacheDetails = details;
  return mapped;
}
