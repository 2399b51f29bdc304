import type { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';

export function conversationNotFound(conversationId: string): BedrockChatError {
  return new BedrockChatError({
    code: 'CONVERSATION_NOT_FOUND',
    message: `No conversation with id ${conversationId}.`,
    hint: 'List conversations to find its id.',
    details: { conversationId },
  });
}

export function conversationConflict(options: {
  conversationId: string;
  expectedPosition: number;
  actualPosition: number;
}): BedrockChatError {
  const { conversationId, expectedPosition, actualPosition } = options;
  return new BedrockChatError({
    code: 'CONVERSATION_CONFLICT',
    message: `Conversation ${conversationId} changed while this turn was running: it has ${actualPosition} messages, ${expectedPosition} were expected.`,
    hint: 'Another process added to this conversation. Nothing was saved; load it again and resend the prompt.',
    details: { conversationId, expectedPosition, actualPosition, conversationUnchanged: true },
  });
}

export function conversationIdTaken(conversationId: string): BedrockChatError {
  return new BedrockChatError({
    code: 'CONVERSATION_CONFLICT',
    message: `A conversation with id ${conversationId} already exists.`,
    hint: 'Nothing was imported. Import it as a copy under a new id (`--new-id`; in the library, `onExistingId: "new-id"`), or delete the stored one first.',
    details: { conversationId, conversationUnchanged: true },
  });
}

/** Each zod issue as `path.to.value: message`; a value that is not an object (a title) has no path. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
  );
}

export function invalidInput(what: string, error: z.ZodError): BedrockChatError {
  const issues = describeIssues(error);
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Invalid ${what}: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ' …' : ''}`,
    details: { issues },
  });
}

/** Data read back from the store did not parse: the file was changed by something else. */
export function storeCorrupt(where: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_CORRUPT',
    message: `The conversation store holds data it cannot read (${where}).`,
    hint: 'The database was changed by another program or is damaged. Export what you can and start a new data directory (BEDROCK_CHAT_HOME).',
    cause,
    details: { where },
  });
}
