import type { SystemPrompt } from '../../messages/message-schemas.js';
import { type ParsedNewMessage, searchableText } from '../store-input.js';
import type { Statements } from './sqlite-statements.js';

/** The write side of the row mapping: our values to named statement parameters. */

export interface ConversationRowValues {
  id: string;
  title: string;
  model: string | null;
  system: SystemPrompt | null;
  createdAtMs: number;
  updatedAtMs: number;
  messageCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export function insertConversation(statements: Statements, values: ConversationRowValues): void {
  statements.insertConversation.run({
    id: values.id,
    title: values.title,
    model: values.model,
    systemJson: systemJson(values.system),
    createdAt: values.createdAtMs,
    updatedAt: values.updatedAtMs,
    messageCount: values.messageCount,
    inputTokens: values.inputTokens,
    outputTokens: values.outputTokens,
    costUsd: values.costUsd,
  });
}

export function systemJson(system: SystemPrompt | null | undefined): string | null {
  return system == null ? null : JSON.stringify(system);
}

/** Inserts messages at `start`, `start + 1` …; the FTS triggers index their text. */
export function insertMessages(
  statements: Statements,
  conversationId: string,
  start: number,
  messages: readonly ParsedNewMessage[],
  nowMs: number,
): void {
  messages.forEach((message, offset) => {
    statements.insertMessage.run(messageParameters(message, conversationId, start + offset, nowMs));
  });
}

/** Named parameters for the message INSERT. */
function messageParameters(
  message: ParsedNewMessage,
  conversationId: string,
  position: number,
  nowMs: number,
): Record<string, string | number | null> {
  return {
    conversationId,
    position,
    role: message.role,
    contentJson: JSON.stringify(message.content),
    text: searchableText(message),
    modelId: message.modelId ?? null,
    stopReason: message.stopReason ?? null,
    inputTokens: message.usage?.inputTokens ?? null,
    outputTokens: message.usage?.outputTokens ?? null,
    totalTokens: message.usage?.totalTokens ?? null,
    cacheReadTokens: message.usage?.cacheReadInputTokens ?? null,
    cacheWriteTokens: message.usage?.cacheWriteInputTokens ?? null,
    latencyMs: message.latencyMs ?? null,
    costUsd: message.costUsd ?? null,
    createdAt: message.createdAt === undefined ? nowMs : Date.parse(message.createdAt),
  };
}
