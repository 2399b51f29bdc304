import type { ToolResultBlock } from '../messages/content-block-schemas.js';

type ToolResultContent = ToolResultBlock['toolResult']['content'];

/**
 * The most characters of text and JSON one tool result sends to the model (`toolResultMaxChars`):
 * about 25,000 tokens at 4 characters a token, the cap Claude Code puts on an MCP tool's output
 * (its MAX_MCP_OUTPUT_TOKENS, default 25,000: "MCP tool … response (351378 tokens) exceeds
 * maximum allowed tokens (25000)", developers.figma.com/docs/figma-mcp-server/mcp-clients-issues).
 * Images and documents are not counted: Bedrock's own media limits apply to them.
 */
export const DEFAULT_TOOL_RESULT_MAX_CHARS = 100_000;

/** The note the model reads at the end of a cut result, so it can ask for less. */
export function truncationNote(originalChars: number, maxChars: number): string {
  return `\n[bedrock-chat: the tool result was cut to its first ${maxChars} of ${originalChars} characters (the limit for one tool result). Ask the tool for less, e.g. a narrower path, query or page.]`;
}

function charsOf(item: ToolResultContent[number]): number {
  if ('text' in item) return item.text.length;
  if ('json' in item) return JSON.stringify(item.json)?.length ?? 0;
  return 0;
}

/**
 * The result as it is sent (and stored): text and JSON beyond `maxChars` in all are cut, a JSON
 * block that does not fit whole becomes the text of its start, and a note says what was cut.
 * A result within the limit is returned as it is.
 */
export function capToolResult(
  content: ToolResultContent,
  maxChars: number = DEFAULT_TOOL_RESULT_MAX_CHARS,
): { content: ToolResultContent; originalChars?: number } {
  const originalChars = content.reduce((sum, item) => sum + charsOf(item), 0);
  if (originalChars <= maxChars) return { content };
  let left = maxChars;
  const capped: ToolResultContent = [];
  for (const item of content) {
    const size = charsOf(item);
    if (size <= left) {
      capped.push(item);
      left -= size;
    } else if (left > 0 && ('text' in item || 'json' in item)) {
      const text = 'text' in item ? item.text : (JSON.stringify(item.json) ?? '');
      capped.push({ text: text.slice(0, left) });
      left = 0;
    } else if (!('text' in item || 'json' in item)) {
      capped.push(item);
    }
  }
  capped.push({ text: truncationNote(originalChars, maxChars) });
  return { content: capped, originalChars };
}
