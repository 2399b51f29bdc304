import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Structured content plus the same JSON as text, as the spec asks of tools with an outputSchema. */
export function jsonResult(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}
