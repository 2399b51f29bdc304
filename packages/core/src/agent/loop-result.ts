import type { ChatResult } from '../client/chat-types.js';
import type { Message, Usage } from '../messages/message-schemas.js';
import type { ChatStep, LoopStopReason } from './chat-step.js';

function sumUsage(steps: readonly ChatStep[]): Usage {
  const total: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  for (const { result } of steps) {
    total.inputTokens += result.usage.inputTokens;
    total.outputTokens += result.usage.outputTokens;
    total.totalTokens += result.usage.totalTokens;
    if (result.usage.cacheReadInputTokens) {
      total.cacheReadInputTokens = (total.cacheReadInputTokens ?? 0) + result.usage.cacheReadInputTokens;
    }
    if (result.usage.cacheWriteInputTokens) {
      total.cacheWriteInputTokens = (total.cacheWriteInputTokens ?? 0) + result.usage.cacheWriteInputTokens;
    }
  }
  return total;
}

/** Undefined as soon as one step's price is unknown: a partial sum would read as the whole. */
function sumCost(steps: readonly ChatStep[]): number | undefined {
  let total = 0;
  for (const { result } of steps) {
    if (result.costUsd === undefined) return undefined;
    total += result.costUsd;
  }
  return total;
}

/** What caching saved over the steps; undefined when no step used the cache (or none is priced). */
function sumSaving(steps: readonly ChatStep[]): number | undefined {
  const savings = steps.flatMap(({ result }) =>
    result.cacheSavedUsd === undefined ? [] : [result.cacheSavedUsd],
  );
  if (savings.length === 0) return undefined;
  return Math.round(savings.reduce((total, saved) => total + saved, 0) * 1_000_000) / 1_000_000;
}

/** The result of a whole loop: the last reply, with every step's usage, cost and warnings. */
export function loopResult(
  steps: readonly ChatStep[],
  messages: Message[],
  stoppedBy: LoopStopReason,
  latencyMs: number,
): ChatResult {
  const last = steps.at(-1);
  if (last === undefined) throw new Error('a tool loop ends after at least one model call');
  const warnings = [...new Set(steps.flatMap((step) => step.result.warnings ?? []))];
  const { warnings: _lastWarnings, cacheSavedUsd: _lastSaving, ...reply } = last.result;
  const cacheSavedUsd = sumSaving(steps);
  return {
    ...reply,
    usage: sumUsage(steps),
    costUsd: sumCost(steps),
    ...(cacheSavedUsd === undefined ? {} : { cacheSavedUsd }),
    latencyMs,
    ...(warnings.length > 0 ? { warnings } : {}),
    steps: [...steps],
    messages,
    stoppedBy,
  };
}
