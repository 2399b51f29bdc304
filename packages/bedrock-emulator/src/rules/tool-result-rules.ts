import { validationError } from '../bedrock-errors.js';
import type { Message } from '../converse-request.js';
import type { RequestRule } from './request-rule.js';

const toolUseIds = (message: Message | undefined): string[] =>
  (message?.content ?? []).flatMap((block) =>
    typeof block.toolUse?.toolUseId === 'string' ? [block.toolUse.toolUseId] : [],
  );

const toolResultIds = (message: Message): string[] =>
  message.content.flatMap((block) =>
    block.toolResult === undefined ? [] : [String(block.toolResult.toolUseId ?? '')],
  );

/**
 * Every toolUse of an assistant turn is answered by a toolResult with its id in the next
 * message, and no user message holds more toolResults than the turn before it made calls.
 * Bedrock's wording, 0-based indices: "The number of toolResult blocks at messages.2.content
 * exceeds the number of toolUse blocks of previous turn." (github.com/Just-Curieous/Curie/issues/16)
 * and "Expected toolResult blocks at messages.2.content for the following Ids: call_b2" (results
 * split over two messages or answering another id; camel-ai/camel#3954, agno-agi/agno#6694). A
 * final assistant turn with calls is not checked: there is no next message yet.
 */
export const toolResultsAnswerToolUses: RequestRule = (request) => {
  for (const [index, message] of request.messages.entries()) {
    if (message.role !== 'user') continue;
    const expected = toolUseIds(request.messages[index - 1]);
    const answered = toolResultIds(message);
    if (answered.length > expected.length) {
      return validationError(
        `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`,
      );
    }
    const missing = expected.filter((id) => !answered.includes(id));
    if (missing.length > 0) {
      // Several ids: joined by ", " (an assumption: every public report shows one id).
      return validationError(
        `Expected toolResult blocks at messages.${index}.content for the following Ids: ${missing.join(', ')}`,
      );
    }
  }
  return null;
};

/**
 * A toolResult with `status: "error"` must say what went wrong: "The content field at
 * messages.<n>.content.0.toolResult cannot be empty when status value is error."
 * (github.com/aws-samples/sample-multi-agent-orchestration-chat-on-agentcore/issues/15).
 */
export const errorResultContent: RequestRule = (request) => {
  for (const [messageIndex, message] of request.messages.entries()) {
    for (const [blockIndex, block] of message.content.entries()) {
      const result = block.toolResult;
      if (result?.status !== 'error' || (result.content?.length ?? 0) > 0) continue;
      return validationError(
        `The content field at messages.${messageIndex}.content.${blockIndex}.toolResult cannot be empty when status value is error.`,
      );
    }
  }
  return null;
};
