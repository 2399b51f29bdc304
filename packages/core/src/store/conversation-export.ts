import { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  type ConversationWithMessages,
} from './conversation-schemas.js';
import type { ExportFormat } from './conversation-store.js';
import { conversationToMarkdown } from './export-markdown.js';
import { EXPORT_READERS } from './export-readers.js';
import { describeIssues } from './store-errors.js';
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

const HINT = `Import a file written by \`conversations export --format json\` (format "${CONVERSATION_EXPORT_FORMAT}").`;

function invalidDocument(
  reason: string,
  cause?: unknown,
  details?: Record<string, unknown>,
): BedrockChatError {
  return new BedrockChatError({
    code: 'INVALID_INPUT',
    message: `Not a bedrock-chat conversation export: ${reason}`,
    hint: HINT,
    cause,
    details,
  });
}

const EnvelopeSchema = z.looseObject({
  format: z.string().optional(),
  version: z.number().int().positive().optional(),
});

function readVersion(value: unknown): number {
  const envelope = EnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    throw invalidDocument(
      envelope.error.issues.some((issue) => issue.path[0] === 'version')
        ? 'version must be a whole number from 1'
        : 'the JSON is not an object',
      envelope.error,
    );
  }
  const { format, version = 1 } = envelope.data;
  if (format !== CONVERSATION_EXPORT_FORMAT) {
    throw invalidDocument(
      format === undefined
        ? 'it has no "format" field'
        : `its format is "${format}", not "${CONVERSATION_EXPORT_FORMAT}"`,
    );
  }
  if (version > CONVERSATION_EXPORT_VERSION) {
    throw new BedrockChatError({
      code: 'INVALID_INPUT',
      message: `This conversation export is version ${version}, written by a newer bedrock-chat; this one reads versions 1 to ${CONVERSATION_EXPORT_VERSION}.`,
      hint: 'Upgrade bedrock-chat to import it.',
      details: { version, supported: CONVERSATION_EXPORT_VERSION },
    });
  }
  return version;
}

/**
 * Parses an import document (JSON text or a parsed value) of any export version this build reads,
 * into today's shape, and checks what the schema cannot: positions 0..n-1 in order, alternating
 * roles, and a message count that matches. Problems are INVALID_INPUT naming where they are.
 */
export function parseConversationExport(document: unknown): ConversationExport {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch (error) {
      throw invalidDocument(`the text is not JSON (${(error as Error).message})`, error);
    }
  }
  const version = readVersion(value);
  const read = EXPORT_READERS[version];
  if (read === undefined) throw invalidDocument(`there is no export version ${version}`);
  const parsed = read(value);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw invalidDocument(
      `${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
      parsed.error,
      {
        issues,
      },
    );
  }
  const { conversation } = parsed.data;
  conversation.messages.forEach((message, index) => {
    if (message.position !== index)
      throw invalidDocument(
        `conversation.messages.${index}: position is ${message.position}, expected ${index}`,
      );
  });
  if (conversation.messageCount !== conversation.messages.length) {
    throw invalidDocument(
      `conversation.messageCount is ${conversation.messageCount} but there are ${conversation.messages.length} messages`,
    );
  }
  try {
    assertAlternation(0, conversation.messages);
  } catch (error) {
    const { message, details } = error as BedrockChatError;
    throw invalidDocument(message.replace(/^Message/, 'message'), error, details);
  }
  return { ...parsed.data, version: CONVERSATION_EXPORT_VERSION };
}
