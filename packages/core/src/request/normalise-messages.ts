import { checkMediaLimits } from '../attachments/check-media-limits.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { type Message, MessagesSchema } from '../messages/message-schemas.js';
import { everyItem, isPlainTextMessage, isPlainToolStepMessage } from '../messages/plain-text-message.js';

/** What a chat call accepts as its conversation: a prompt, one message, or the whole history. */
export type ChatInput = string | Message | readonly Message[];

function invalid(message: string, hint?: string): BedrockChatError {
  return new BedrockChatError({ code: 'INVALID_INPUT', message, hint });
}

/** Validates the caller's messages with zod and names the first offending field. */
export function normaliseMessages(input: ChatInput): Message[] {
  // A plain prompt cannot fail the schema; skipping zod here is measurable next to real I/O.
  if (typeof input === 'string') return [{ role: 'user', content: [{ text: input }] }];
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) {
    throw invalid(
      'messages is empty: send at least one user message.',
      'Pass a prompt as text (chat("Hello")) or messages ending with a user message ([userMessage("Hello")]).',
    );
  }
  // Plain text messages (the usual history) cannot fail the schema either.
  if (everyItem(list, isPlainTextMessage)) return [...list];
  const parsed = MessagesSchema.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['messages', ...(issue?.path ?? [])].join('.');
    throw invalid(
      `${where}: ${issue?.message ?? 'invalid'}`,
      'Messages look like { role: "user" | "assistant", content: [{ text: "…" }] }.',
    );
  }
  checkMediaLimits(parsed.data);
  return parsed.data;
}

/**
 * What `normaliseMessages(messages)` checks, for a list whose first `checked` messages already
 * passed it (a tool loop's history: the caller's messages, then the replies and tool results it
 * added): only the rest go through zod; the request-wide media limits count the whole list.
 * Throws the very error `normaliseMessages` would; the messages are left as they are.
 */
export function checkAppended(messages: readonly Message[], checked: number): void {
  const appended = messages.slice(checked);
  // A step's own messages (text, tool calls, text and JSON results) cannot fail the schema.
  if (!everyItem(appended, isPlainToolStepMessage) && !MessagesSchema.safeParse(appended).success) {
    // The error names the message by its place in the whole list.
    normaliseMessages(messages);
  }
  checkMediaLimits(messages);
}
