import type { Usage } from '@bedrock-chat/core';

/** `$0.0123`, `$0.000045`, `$1.23`: enough digits to see small costs, no more. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  if (value >= 0.1) return `$${value.toFixed(2)}`;
  if (value >= 0.001) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(6)}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One stderr line: tokens in and out, estimated cost (when the model is priced), latency. */
export function formatUsage(options: {
  usage: Usage;
  costUsd: number | undefined | null;
  latencyMs?: number | undefined;
}): string {
  const { usage } = options;
  const parts = [`${usage.inputTokens} in + ${usage.outputTokens} out = ${usage.totalTokens} tokens`];
  const cached = (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  if (cached > 0) parts.push(`${cached} cache`);
  parts.push(
    options.costUsd === undefined || options.costUsd === null
      ? 'cost unknown'
      : `~${formatUsd(options.costUsd)}`,
  );
  if (options.latencyMs !== undefined) parts.push(formatDuration(options.latencyMs));
  return parts.join(' · ');
}
