import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { ContentBlock } from '../messages/content-block-schemas.js';
import type { Message, SystemPrompt } from '../messages/message-schemas.js';
import type { ResolvedModel } from '../models/resolve-model.js';
import type { StoredContentBlock } from './stored-content-schemas.js';

/** Used when the model is unknown (or not given): every Claude model on Bedrock has at least this. */
export const DEFAULT_CONTEXT_WINDOW_TOKENS = 200_000;
/** Reserved for the reply when neither the caller nor the catalogue gives `maxTokens`. */
export const DEFAULT_MAX_TOKENS = 4_096;
/** Images, binary documents and redacted reasoning: a flat guess (a large image costs ~1,600). */
export const NON_TEXT_BLOCK_TOKENS = 1_600;
/** Role markers and block framing around each message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A cheap, deliberately generous token estimate: one token per 4 ASCII characters (English text
 * averages ~4) plus one per non-ASCII character (CJK text is about one token per character).
 */
export function estimateTextTokens(text: string): number {
  let nonAscii = 0;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) nonAscii++;
  return Math.ceil((text.length - nonAscii) / 4) + nonAscii;
}

export function estimateBlockTokens(block: ContentBlock | StoredContentBlock): number {
  if ('text' in block) return estimateTextTokens(block.text);
  if ('toolUse' in block) return estimateTextTokens(block.toolUse.name + JSON.stringify(block.toolUse.input));
  if ('toolResult' in block) {
    return block.toolResult.content.reduce((sum, item) => {
      if ('text' in item) return sum + estimateTextTokens(item.text);
      if ('json' in item) return sum + estimateTextTokens(JSON.stringify(item.json) ?? '');
      return sum + NON_TEXT_BLOCK_TOKENS;
    }, 0);
  }
  if ('document' in block && 'text' in block.document.source) {
    return estimateTextTokens(block.document.source.text);
  }
  if ('reasoningContent' in block && 'reasoningText' in block.reasoningContent) {
    return estimateTextTokens(block.reasoningContent.reasoningText.text);
  }
  if ('citationsContent' in block) {
    return estimateTextTokens(block.citationsContent.content.map((part) => part.text).join(''));
  }
  if ('cachePoint' in block) return 0;
  return NON_TEXT_BLOCK_TOKENS;
}

/** A message as sent or as stored (a file by reference counts as the file would). */
export function estimateMessageTokens(message: { content: readonly StoredContentBlock[] }): number {
  return message.content.reduce((sum, block) => sum + estimateBlockTokens(block), MESSAGE_OVERHEAD_TOKENS);
}

export function estimateSystemTokens(system: SystemPrompt | undefined): number {
  if (system === undefined) return 0;
  if (typeof system === 'string') return estimateTextTokens(system);
  return system.reduce((sum, block) => sum + ('text' in block ? estimateTextTokens(block.text) : 0), 0);
}

/**
 * The context window and reply budget of a model, as the caller's client resolved it (its region
 * and live catalogue: `client.resolveModel(name)`); a model the table does not know gets the floor.
 */
export function contextLimitsFor(
  model: Pick<ResolvedModel, 'info'> | undefined,
  maxTokens: number | undefined,
): { contextWindowTokens: number; maxTokens: number } {
  const info = model?.info;
  return {
    contextWindowTokens: info?.contextWindowTokens ?? DEFAULT_CONTEXT_WINDOW_TOKENS,
    maxTokens: maxTokens ?? info?.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
  };
}

export interface ContextTrim {
  /** Oldest messages left out of this request (always whole user + assistant pairs). */
  droppedMessages: number;
  /** History messages still sent, not counting the new prompt. */
  keptMessages: number;
  estimatedInputTokens: number;
  contextWindowTokens: number;
}

export interface FitToContextWindowOptions<M extends HistoryMessage = Message> {
  /** Earlier messages, oldest first: user/assistant pairs (as sent, or as stored). */
  history: readonly M[];
  prompt: Message;
  system?: SystemPrompt | undefined;
  contextWindowTokens: number;
  /** Room left for the reply. */
  maxTokens: number;
}

/** What trimming needs of a message: its blocks, sent or stored. */
export type HistoryMessage = { role: Message['role']; content: readonly StoredContentBlock[] };

function startsWithToolResult(message: HistoryMessage | undefined): boolean {
  return message?.content.some((block) => 'toolResult' in block) ?? false;
}

/**
 * What to send so that system + messages + maxTokens fit the context window, by this rule: the
 * system prompt and the new prompt are always kept; whole user + assistant pairs are dropped from
 * the oldest until the estimate fits, so roles keep alternating and the history still starts
 * with a user message; a pair whose user message answers a tool call that was dropped goes too.
 * Throws CONTEXT_WINDOW_EXCEEDED when the prompt alone does not fit. Only the request is trimmed;
 * the stored conversation keeps every message.
 */
export function fitToContextWindow<M extends HistoryMessage = Message>(
  options: FitToContextWindowOptions<M>,
): {
  messages: (M | Message)[];
  estimatedInputTokens: number;
  trimmed: ContextTrim | null;
} {
  const { history, prompt, system, contextWindowTokens, maxTokens } = options;
  const fixed = estimateSystemTokens(system) + estimateMessageTokens(prompt);
  if (fixed + maxTokens > contextWindowTokens) {
    throw new BedrockChatError({
      code: 'CONTEXT_WINDOW_EXCEEDED',
      message: `${system === undefined ? 'The prompt alone needs' : 'The prompt and system prompt alone need'} about ${fixed} tokens; with ${maxTokens} reserved for the reply that exceeds the model's ${contextWindowTokens}-token context window.`,
      hint: 'Shorten the prompt or the system prompt, or lower maxTokens.',
      details: { estimatedInputTokens: fixed, maxTokens, contextWindowTokens },
    });
  }
  const sizes = history.map(estimateMessageTokens);
  let total = fixed + sizes.reduce((sum, size) => sum + size, 0);
  let start = 0;
  const tooBig = () => total + maxTokens > contextWindowTokens;
  while (start < history.length && (tooBig() || (start > 0 && startsWithToolResult(history[start])))) {
    total -= (sizes[start] ?? 0) + (sizes[start + 1] ?? 0);
    start += 2;
  }
  start = Math.min(start, history.length);
  const kept = history.slice(start);
  return {
    messages: [...kept, prompt],
    estimatedInputTokens: total,
    trimmed:
      start === 0
        ? null
        : {
            droppedMessages: start,
            keptMessages: kept.length,
            estimatedInputTokens: total,
            contextWindowTokens,
          },
  };
}
