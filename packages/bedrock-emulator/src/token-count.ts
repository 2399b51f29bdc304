import type { ContentBlock, Message } from './converse-request.js';

/**
 * The emulator's tokeniser: one token per 4 characters (Unicode code points), rounded up. Real
 * tokenisers differ per model; this one only has to be deterministic and easy to predict in tests.
 */
export const CHARS_PER_TOKEN = 4;

/** Length in code points, so truncation never splits a surrogate pair. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function tokensForChars(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Tokens of one string under the emulator's tokeniser. */
export function countTokens(text: string): number {
  return tokensForChars(charCount(text));
}

/** The text a content block contributes to the token count. */
export function blockText(block: ContentBlock): string {
  if (typeof block.text === 'string') return block.text;
  if (block.toolUse) return `${block.toolUse.name ?? ''}${JSON.stringify(block.toolUse.input ?? {})}`;
  if (block.toolResult) return (block.toolResult.content ?? []).map(blockText).join('');
  if (block.json !== undefined) return JSON.stringify(block.json);
  if (block.reasoningContent) return block.reasoningContent.reasoningText?.text ?? '';
  // Images, documents and cache points: count their JSON so bigger payloads cost more.
  if ('cachePoint' in block) return '';
  return JSON.stringify(block);
}

export interface InputForCounting {
  readonly messages: readonly Message[];
  readonly system?: readonly ContentBlock[];
  readonly toolConfig?: unknown;
}

/** The tool configuration as counted: a cache point in the tool list is a marker, not input. */
function countedToolConfig(toolConfig: unknown): unknown {
  if (typeof toolConfig !== 'object' || toolConfig === null || !('tools' in toolConfig)) return toolConfig;
  const { tools } = toolConfig as { tools: unknown };
  if (!Array.isArray(tools)) return toolConfig;
  return {
    ...toolConfig,
    tools: tools.filter((tool) => !(typeof tool === 'object' && tool !== null && 'cachePoint' in tool)),
  };
}

/**
 * Input tokens of a request: system blocks, every message block and the tool definitions,
 * concatenated and counted once. Cache points count nothing wherever they sit, and the prompt
 * cache plays no part: CountTokens returns "the token count that would be charged if the same
 * input were sent" (CountTokens, Bedrock Runtime API reference), which for a cached prompt is
 * Converse's inputTokens + cacheReadInputTokens + cacheWriteInputTokens.
 */
export function countInputTokens(input: InputForCounting): number {
  const parts = [
    ...(input.system ?? []).map(blockText),
    ...input.messages.flatMap((message) => message.content.map(blockText)),
  ];
  if (input.toolConfig !== undefined) parts.push(JSON.stringify(countedToolConfig(input.toolConfig)));
  return countTokens(parts.join(''));
}

/** Text of the last user message: its text blocks, else the text inside its tool results. */
export function lastUserText(messages: readonly Message[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (!last) return '';
  const texts = last.content.flatMap((block) => (typeof block.text === 'string' ? [block.text] : []));
  if (texts.length > 0) return texts.join('\n');
  return last.content
    .flatMap((block) => (block.toolResult ? [(block.toolResult.content ?? []).map(blockText).join('')] : []))
    .join('\n');
}
