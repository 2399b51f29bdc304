import type { ContentBlock, ConverseRequest } from '../converse-request.js';
import { blockText, countTokens } from '../token-count.js';
import { modelError, type RequestRule } from './request-rule.js';

/** Text a block adds; images and documents are left out (Bedrock counts them by pages and pixels). */
function textOf(block: ContentBlock): string {
  if (block.image !== undefined || block.document !== undefined) return '';
  if (block.toolResult) return (block.toolResult.content ?? []).map(textOf).join('');
  return blockText(block);
}

function inputTokens(request: ConverseRequest): number {
  const parts = [
    ...(request.system ?? []).map(textOf),
    ...request.messages.flatMap((message) => message.content.map(textOf)),
  ];
  if (request.toolConfig !== undefined) parts.push(JSON.stringify(request.toolConfig));
  return countTokens(parts.join(''));
}

/**
 * A prompt longer than the model's context window, refused before the model runs. Converse passes
 * Anthropic's refusal on with its usual prefix: "The model returned the following errors: Input is
 * too long for requested model." (ConverseStream, github.com/continuedev/continue/issues/6005 and
 * #9592; InvokeModel answers the bare "Input is too long for requested model.",
 * anthropics/claude-code#8637, aws-samples/assessment-generator#2). Counted with the emulator's
 * tokeniser over the text of system, messages and tool definitions.
 */
export const inputTooLong: RequestRule = (request, model) =>
  inputTokens(request) > model.contextWindowTokens
    ? modelError('Input is too long for requested model.')
    : null;
