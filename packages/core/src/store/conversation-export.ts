import { z } from 'zod';
import { documentNameProblem } from '../attachments/document-name.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { type BlobReader, blobRefsOf, documentNamesOf } from './blob-blocks.js';
import { blobRefOf } from './blob-store.js';
import {
  CONVERSATION_EXPORT_FORMAT,
  CONVERSATION_EXPORT_VERSION,
  type ConversationExport,
  type ConversationWithMessages,
} from './conversation-schemas.js';
import type { ExportFormat } from './conversation-store.js';
import { conversationToMarkdown } from './export-markdown.js';
import { EXPORT_READERS } from './export-readers.js';
import { describeIssues, storeCorrupt } from './store-errors.js';
import { assertAlternation } from './store-input.js';

/**
 * The export document of a conversation as stored (files by reference) with the bytes of every
 * file its messages refer to, each once, in the order they first appear.
 */
export function toConversationExport(
  conversation: ConversationWithMessages,
  exportedAt: Date,
  files: ReadonlyMap<string, Uint8Array> = new Map(),
): ConversationExport {
  const encoded: Record<string, string> = {};
  for (const message of conversation.messages) {
    for (const ref of blobRefsOf(message.content)) {
      const bytes = files.get(ref.sha256);
      if (bytes === undefined) throw storeCorrupt(`file ${ref.sha256} of conversation ${conversation.id}`);
      encoded[ref.sha256] ??= Buffer.from(bytes).toString('base64');
    }
  }
  return {
    format: CONVERSATION_EXPORT_FORMAT,
    version: CONVERSATION_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    conversation,
    files: encoded,
  };
}

/** Reads the bytes of every file the conversation's messages refer to, each once. */
export async function filesOf(
  conversation: ConversationWithMessages,
  blobs: BlobReader,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const message of conversation.messages) {
    for (const ref of blobRefsOf(message.content)) {
      if (!files.has(ref.sha256)) files.set(ref.sha256, await blobs.get(ref.sha256));
    }
  }
  return files;
}

/**
 * A conversation as an export: JSON carries its files (read from `blobs` only then); Markdown
 * names them with their sizes and needs no bytes.
 */
export async function formatConversation(
  conversation: ConversationWithMessages,
  format: ExportFormat,
  exportedAt: Date,
  blobs: BlobReader,
): Promise<string> {
  if (format === 'markdown') return conversationToMarkdown(conversation);
  const files = await filesOf(conversation, blobs);
  return `${JSON.stringify(toConversationExport(conversation, exportedAt, files), null, 2)}\n`;
}

/** The bytes of an export's files, by hash; INVALID_INPUT when one is not what its hash names. */
function checkedFiles(files: Record<string, string>): Map<string, Uint8Array> {
  const bytesByHash = new Map<string, Uint8Array>();
  for (const [sha256, base64] of Object.entries(files)) {
    const bytes = Buffer.from(base64, 'base64');
    if (blobRefOf(bytes).sha256 !== sha256) {
      throw invalidDocument(`files.${sha256}: the bytes do not have that SHA-256`);
    }
    bytesByHash.set(sha256, bytes);
  }
  return bytesByHash;
}

/** An import document as a store writes it: the conversation and its files' bytes by hash. */
export interface ParsedImport {
  conversation: ConversationWithMessages;
  files: Map<string, Uint8Array>;
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
  return parseImport(document).export;
}

/**
 * `parseConversationExport`, plus the files' bytes: each file must have the hash it is listed
 * under, and every reference in the messages must name a file of the document (a document brings
 * its files; it cannot point at blobs a store already holds).
 */
export function parseImport(document: unknown): ParsedImport & { export: ConversationExport } {
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
  const files = checkedFiles(parsed.data.files);
  conversation.messages.forEach((message, index) => {
    // A name Bedrock refuses would make every later turn of the conversation fail.
    for (const name of documentNamesOf(message.content)) {
      const problem = documentNameProblem(name);
      if (problem !== undefined) {
        throw invalidDocument(`conversation.messages.${index}: document "${name}": ${problem}`);
      }
    }
    for (const ref of blobRefsOf(message.content)) {
      const bytes = files.get(ref.sha256);
      if (bytes === undefined) {
        throw invalidDocument(
          `conversation.messages.${index} refers to file ${ref.sha256}, which is not in files`,
        );
      }
      if (bytes.length !== ref.size) {
        throw invalidDocument(
          `conversation.messages.${index}: file ${ref.sha256} has ${bytes.length} bytes, not ${ref.size}`,
        );
      }
    }
  });
  return { export: { ...parsed.data, version: CONVERSATION_EXPORT_VERSION }, conversation, files };
}
