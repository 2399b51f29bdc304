import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  ConversationExportSchema,
  type ConversationWithMessages,
} from './conversation-schemas.js';
import type { ExportFormat } from './conversation-store.js';
import { conversationToMarkdown } from './export-markdown.js';
import { assertAlternation } from './store-input.js';

export function toConversationExport(
  conversation: ConversationWithMessages,
  exportedAt: Date,
): ConversationExport {
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversation,
  };
}

export function formatConversation(
  conversation: ConversationWithMessages,
  format: ExportFormat,
  exportedAt: Date,
): string {
  if (format === 'markdown') return conversationToMarkdown(conversation);
  return `${JSON.stringify(toConversationExport(conversation, exportedAt), null, 2)}\n`;
}

function invalidDocument(reason: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Not a bedrock-chat conversation export: ${reason}`,
    hint: 'Import a file written by the JSON export (format "bedrock-chat/conversation").',
    cause,
  });
}

/**
 * Parses an import document (JSON text or a parsed value) and checks what the schema cannot:
 * positions 0..n-1 in order, alternating roles, and a message count that matches.
 */
export function parseConversationExport(document: unknown): ConversationExport {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch (error) {
      throw invalidDocument('the text is not JSON', error);
    }
  }
  const parsed = ConversationExportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidDocument(
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      parsed.error,
    );
  }
  const { conversation } = parsed.data;
  conversation.messages.forEach((message, index) => {
    if (message.position !== index)
      throw invalidDocument(`message ${index} has position ${message.position}`);
  });
  if (conversation.messageCount !== conversation.messages.length) {
    throw invalidDocument(
      `messageCount is ${conversation.messageCount} but there are ${conversation.messages.length} messages`,
    );
  }
  assertAlternation(0, conversation.messages);
  return parsed.data;
}
