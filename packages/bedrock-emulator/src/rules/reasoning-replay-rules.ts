import type { ContentBlock } from '../converse-request.js';
import { reasoningSignatureValid, redactedReasoningValid } from '../reasoning-signature.js';
import { modelError, type RequestRule } from './request-rule.js';
import { thinkingField } from './thinking-rules.js';

/**
 * Reasoning sent back must be unchanged: a block whose text or signature was altered, or that
 * has no signature, is refused: "messages.1.content.0: Invalid `signature` in `thinking` block"
 * (lbjlaq/Antigravity-Manager#498; unsigned blocks too, code-yeongyu/oh-my-openagent#2775). The
 * emulator signs what it produces (`reasoning-signature.ts`). Redacted blocks carry their bytes.
 */
export const reasoningSignatures: RequestRule = (request) => {
  for (const [messageIndex, message] of request.messages.entries()) {
    for (const [blockIndex, block] of message.content.entries()) {
      const reasoning = block.reasoningContent;
      if (reasoning === undefined) continue;
      const valid =
        reasoning.redactedContent !== undefined
          ? redactedReasoningValid(reasoning.redactedContent)
          : reasoningSignatureValid(reasoning.reasoningText?.text ?? '', reasoning.reasoningText?.signature);
      if (!valid) {
        const kind = reasoning.redactedContent !== undefined ? 'redacted_thinking' : 'thinking';
        return modelError(
          `messages.${messageIndex}.content.${blockIndex}: Invalid \`signature\` in \`${kind}\` block`,
        );
      }
    }
  }
  return null;
};

function anthropicType(block: ContentBlock | undefined): string {
  if (block?.toolUse !== undefined) return 'tool_use';
  if (block?.reasoningContent !== undefined) return 'thinking';
  return 'text';
}

/**
 * With budget thinking (`enabled`), a tool loop's last assistant message must start with its
 * reasoning: the message answered by the final user message of tool results. Wording from
 * RooCodeInc/Roo-Code#11238 (Bedrock, Opus 4.5) and lbjlaq/Antigravity-Manager#139. Adaptive
 * thinking is left alone: the model may answer a step without thinking, so a step without
 * reasoning is not proof that it was dropped.
 */
export const reasoningBeforeToolUse: RequestRule = (request) => {
  if (thinkingField(request)?.type !== 'enabled') return null;
  const last = request.messages.at(-1);
  if (last?.role !== 'user' || !last.content.some((block) => block.toolResult !== undefined)) return null;
  const index = request.messages.length - 2;
  const first = request.messages[index]?.content[0];
  if (first?.reasoningContent !== undefined) return null;
  return modelError(
    `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${anthropicType(first)}\`. ` +
      'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost ' +
      'set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. ' +
      'To avoid this requirement, disable `thinking`. Please consult our documentation at ' +
      'https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
  );
};
