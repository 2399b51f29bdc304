import type { ContentBlock, ToolResultBlock } from '../../messages/content-block-schemas.js';
import type { Message } from '../../messages/message-schemas.js';
import { toolResultText } from '../../messages/tool-result-text.js';
import type { RequestFeature } from '../request-feature.js';

const hasToolBlocks = (messages: readonly Message[]) =>
  messages.some((message) => message.content.some((block) => 'toolUse' in block || 'toolResult' in block));

function resultText(block: ToolResultBlock, names: ReadonlyMap<string, string>): string {
  const { toolUseId, content, status } = block.toolResult;
  const what = status === 'error' ? 'error' : 'result';
  return `[tool ${what} of ${names.get(toolUseId) ?? toolUseId}: ${toolResultText(content) || '(empty)'}]`;
}

function asText(block: ContentBlock, names: Map<string, string>): ContentBlock {
  if ('toolUse' in block) {
    names.set(block.toolUse.toolUseId, block.toolUse.name);
    return { text: `[tool call ${block.toolUse.name} ${JSON.stringify(block.toolUse.input ?? {})}]` };
  }
  if ('toolResult' in block) return { text: resultText(block, names) };
  return block;
}

/**
 * A history with tool steps, sent without tools: Bedrock refuses toolUse and toolResult blocks
 * without a `toolConfig` ("The toolConfig field must be defined when using toolUse and
 * toolResult content blocks."), and offering the old tools again would let the model call tools
 * nobody runs. So the old steps go as text the model can read (`[tool call list_files
 * {"path":"."}]`, `[tool result of list_files: a.txt]`); the stored conversation keeps the blocks.
 * Costs one scan of the history on calls without tools.
 */
export const toolHistoryAsTextFeature: RequestFeature = {
  name: 'tool-history-as-text',
  applies: (request) =>
    (request.tools === undefined || request.tools.length === 0) && hasToolBlocks(request.messages),
  request(draft) {
    const names = new Map<string, string>();
    const messages = draft.messages.map((message) => ({
      ...message,
      content: message.content.map((block) => asText(block, names)),
    }));
    return { draft: { ...draft, messages } };
  },
};
