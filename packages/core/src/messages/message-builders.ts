import type { StoredContentBlock } from '../store/stored-content-schemas.js';
import type { ContentBlock } from './content-block-schemas.js';
import type { Message, SystemBlock, SystemPrompt } from './message-schemas.js';

function toContent(content: string | ContentBlock[]): ContentBlock[] {
  return typeof content === 'string' ? [{ text: content }] : content;
}

/** `userMessage('What is 1+1?')` → `{ role: 'user', content: [{ text: 'What is 1+1?' }] }` */
export function userMessage(content: string | ContentBlock[]): Message {
  return { role: 'user', content: toContent(content) };
}

export function assistantMessage(content: string | ContentBlock[]): Message {
  return { role: 'assistant', content: toContent(content) };
}

/** The text of a message: its text blocks joined, other blocks ignored. */
/** A message's text, as sent or as stored (files, by reference or inline, have none). */
export function messageText(message: { content: readonly StoredContentBlock[] }): string {
  let text = '';
  for (const block of message.content) {
    if ('text' in block) text += block.text;
    // Cited passages are part of the reply's text, in place.
    else if ('citationsContent' in block) {
      for (const part of block.citationsContent.content) text += part.text;
    }
  }
  return text;
}

/** The reasoning text of a message: its reasoning blocks joined (redacted ones carry none). */
export function messageReasoning(message: Pick<Message, 'content'>): string {
  let reasoning = '';
  for (const block of message.content) {
    if ('reasoningContent' in block && 'reasoningText' in block.reasoningContent) {
      reasoning += block.reasoningContent.reasoningText.text;
    }
  }
  return reasoning;
}

/** Normalises a system prompt to Converse system blocks; an empty string means none. */
export function toSystemBlocks(system: SystemPrompt | undefined): SystemBlock[] | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system.trim() === '' ? undefined : [{ text: system }];
  return system.length === 0 ? undefined : system;
}
