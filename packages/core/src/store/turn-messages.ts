import type { ChatStep } from '../agent/chat-step.js';
import type { ChatResult } from '../client/chat-types.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { NewMessage } from './conversation-schemas.js';

/** A reply as stored: the message with the model, stop reason, usage, latency and cost of its call. */
function storedReply(result: ChatResult): NewMessage {
  return {
    ...result.message,
    modelId: result.modelId,
    stopReason: result.stopReason,
    usage: result.usage,
    latencyMs: Math.round(result.latencyMs),
    costUsd: result.costUsd ?? null,
    cacheSavedUsd: result.cacheSavedUsd ?? null,
  };
}

function stepsAsMessages(steps: readonly ChatStep[]): NewMessage[] {
  return steps.flatMap((step) =>
    step.toolResults === undefined
      ? [storedReply(step.result)]
      : [storedReply(step.result), step.toolResults],
  );
}

/** What a turn stores after the prompt: the reply, or each step of a tool loop with its own figures. */
export function replyMessages(result: ChatResult): NewMessage[] {
  return result.steps === undefined ? [storedReply(result)] : stepsAsMessages(result.steps);
}

/** Whether some tool's `execute` was started: its effects may have happened. */
export function toolsRan(steps: readonly ChatStep[]): boolean {
  return steps.some((step) => step.toolCalls.some((call) => call.durationMs !== undefined));
}

/**
 * The messages of a turn cut off after its tools ran: each completed step (every call answered),
 * then a placeholder reply with stop reason `interrupted`, so the history says what happened and
 * stays a valid conversation (user and assistant alternating) that can be continued.
 */
export function interruptedMessages(steps: readonly ChatStep[], error: unknown): NewMessage[] {
  const code = BedrockChatError.isInstance(error) ? error.code : 'INTERNAL';
  const why = code === 'ABORTED' ? 'was interrupted' : `stopped with an error (${code})`;
  const messages = stepsAsMessages(steps);
  if (messages.at(-1)?.role !== 'user') return messages;
  const text = `(bedrock-chat: this turn ${why} after the tools above ran, before the model answered.)`;
  return [...messages, { role: 'assistant', content: [{ text }], stopReason: 'interrupted' }];
}
