import type { LoopStopReason } from '../agent/chat-step.js';
import type { ChatResult, ReplyCitation } from '../client/chat-types.js';
import type { StopReason } from '../messages/message-schemas.js';
import type { SendPromptResult } from './prompt-turn.js';

/** A turn as programs read it (`bedrock-chat ask --json`, the MCP `chat` tool's output). */
export interface TurnSummary {
  text: string;
  /** The stored conversation; null when nothing was saved. */
  conversationId: string | null;
  /** The model id sent to Bedrock. */
  model: string;
  stopReason: StopReason;
  /**
   * With tools: why the loop ended — `model` (it ended its turn), `max-steps` (it still asked for
   * tools after the last allowed call; those were not run), `stop-condition`, `client-tool`.
   * Absent when no tool loop ran.
   */
  stoppedBy?: LoopStopReason;
  /** `inputTokens` are the ones neither read from nor written to the prompt cache. */
  usage: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    cacheReadInputTokens: number;
    cacheWriteInputTokens: number;
  };
  /** Estimated; null when the model's price is unknown. */
  costUsd: number | null;
  /** What prompt caching saved (USD, estimated); null when the turn did not use the cache. */
  cacheSavedUsd: number | null;
  /** The sources the reply cites (with citations asked for); empty when it cites none. */
  citations: ReplyCitation[];
  /** With `includeReasoning`: the reply's reasoning text; null when it had none. */
  reasoning?: string | null;
  /** With a schema: the reply parsed and checked against it (absent without one). */
  object?: unknown;
  /** The service tier and latency, when the call asked for one or Bedrock reported one. */
  serviceTier?: ChatResult['serviceTier'];
  latency?: ChatResult['latency'];
}

/** `includeReasoning` adds the reasoning text (MCP callers ask for it: it costs them context). */
export function turnSummary(
  outcome: SendPromptResult,
  options: { includeReasoning?: boolean } = {},
): TurnSummary {
  const { result } = outcome;
  return {
    text: result.text,
    conversationId: outcome.saved ? (outcome.conversation?.id ?? null) : null,
    model: result.modelId,
    stopReason: result.stopReason,
    ...(result.stoppedBy !== undefined ? { stoppedBy: result.stoppedBy } : {}),
    usage: {
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      totalTokens: result.usage.totalTokens,
      cacheReadInputTokens: result.usage.cacheReadInputTokens ?? 0,
      cacheWriteInputTokens: result.usage.cacheWriteInputTokens ?? 0,
    },
    costUsd: result.costUsd ?? null,
    cacheSavedUsd: result.cacheSavedUsd ?? null,
    citations: result.citations ?? [],
    ...(options.includeReasoning ? { reasoning: result.reasoning ?? null } : {}),
    ...('object' in result ? { object: result.object } : {}),
    ...(result.serviceTier ? { serviceTier: result.serviceTier } : {}),
    ...(result.latency ? { latency: result.latency } : {}),
  };
}
