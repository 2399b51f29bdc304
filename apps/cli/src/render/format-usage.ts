import type { ChatResult, Conversation, Usage } from '@bedrock-chat/core';

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

/** What caching saved, or (a turn that only wrote the cache) what it cost extra. */
function formatSaving(savedUsd: number): string {
  return savedUsd >= 0
    ? `cache saved ~${formatUsd(savedUsd)}`
    : `cache write cost ~${formatUsd(-savedUsd)} extra`;
}

/** `flex tier`, `priority tier (asked; Bedrock did not say)`, `latency-optimized`: what the cost is priced at. */
function formatServed(options: Pick<ChatResult, 'serviceTier' | 'latency'>): string[] {
  const asked = (source: string) => (source === 'requested' ? ' (asked; Bedrock did not say)' : '');
  const { serviceTier, latency } = options;
  return [
    ...(serviceTier ? [`${serviceTier.tier} tier${asked(serviceTier.source)}`] : []),
    ...(latency ? [`${latency.mode} latency${asked(latency.source)}`] : []),
  ];
}

/**
 * One stderr line: tokens in and out (input not read from or written to the prompt cache), cache
 * reads and writes, estimated cost (when the model is priced) and what caching saved, the service
 * tier and latency when the call named them, latency.
 */
export function formatUsage(
  options: {
    usage: Usage;
    costUsd: number | undefined | null;
    cacheSavedUsd?: number | undefined;
    latencyMs?: number | undefined;
  } & Pick<ChatResult, 'serviceTier' | 'latency'>,
): string {
  const { usage } = options;
  const parts = [`${usage.inputTokens} in + ${usage.outputTokens} out = ${usage.totalTokens} tokens`];
  const read = usage.cacheReadInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  if (read + written > 0) parts.push(`cache ${read} read / ${written} written`);
  parts.push(
    options.costUsd === undefined || options.costUsd === null
      ? 'cost unknown'
      : `~${formatUsd(options.costUsd)}`,
  );
  if (options.cacheSavedUsd !== undefined) parts.push(formatSaving(options.cacheSavedUsd));
  parts.push(...formatServed(options));
  if (options.latencyMs !== undefined) parts.push(formatDuration(options.latencyMs));
  return parts.join(' · ');
}

/** Running totals of several replies' usage (the REPL's session). */
export type UsageTotals = Usage & { cacheReadInputTokens: number; cacheWriteInputTokens: number };

export function noUsage(): UsageTotals {
  return {
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
  };
}

/** Adds a reply's usage into running totals, cache reads and writes included. */
export function addUsage(total: UsageTotals, usage: Usage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
  total.totalTokens += usage.totalTokens;
  total.cacheReadInputTokens += usage.cacheReadInputTokens ?? 0;
  total.cacheWriteInputTokens += usage.cacheWriteInputTokens ?? 0;
}

/**
 * A stored conversation's totals on one line (`/usage`): messages, tokens, cache reads and
 * writes with what caching saved (when it was used), estimated cost.
 */
export function formatConversationTotals(conversation: Conversation): string {
  const parts = [
    `${conversation.messageCount} messages`,
    `${conversation.inputTokens} in + ${conversation.outputTokens} out tokens`,
  ];
  const { cacheReadInputTokens: read, cacheWriteInputTokens: written } = conversation;
  const cached = read + written > 0;
  if (cached) parts.push(`cache ${read} read / ${written} written`);
  parts.push(`~${formatUsd(conversation.costUsd)}`);
  if (cached) parts.push(formatSaving(conversation.cacheSavedUsd));
  return parts.join(' · ');
}
