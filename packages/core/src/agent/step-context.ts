import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { Message, SystemPrompt } from '../messages/message-schemas.js';
import { estimateMessageTokens, estimateSystemTokens } from '../store/context-window.js';

/** A model's context window and the room kept for its reply (`contextLimitsFor`). */
export interface ContextLimits {
  readonly contextWindowTokens: number;
  readonly maxTokens: number;
}

export interface StepContextOptions {
  readonly messages: readonly Message[];
  readonly system?: SystemPrompt | undefined;
  readonly limits: ContextLimits;
  /** The model call about to be made (1 for the first). */
  readonly step: number;
}

/**
 * Before each model call of the tool loop: the history grows by every tool result, so a step can
 * outgrow the context window that the first call fitted. Estimated as the conversation flow
 * estimates its trim (generously); throws CONTEXT_WINDOW_EXCEEDED rather than send what Bedrock
 * would refuse ("Input is too long for requested model.") after billing nothing but a round trip.
 */
export function checkStepContext(options: StepContextOptions): void {
  const { contextWindowTokens, maxTokens } = options.limits;
  const estimated = options.messages.reduce(
    (sum, message) => sum + estimateMessageTokens(message),
    estimateSystemTokens(options.system),
  );
  if (estimated + maxTokens <= contextWindowTokens) return;
  throw new BedrockChatError({
    code: 'CONTEXT_WINDOW_EXCEEDED',
    message: `The tool loop stopped before model call ${options.step}: the conversation with its tool results needs about ${estimated} tokens; with ${maxTokens} reserved for the reply that exceeds the model's ${contextWindowTokens}-token context window.`,
    hint: 'Ask for smaller tool results (a narrower path, query or page), lower toolResultMaxChars or maxTokens, or start a new conversation.',
    details: { step: options.step, estimatedInputTokens: estimated, maxTokens, contextWindowTokens },
  });
}
