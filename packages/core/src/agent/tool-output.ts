import { z } from 'zod';
import { type ToolResultBlock, ToolResultContentSchema } from '../messages/content-block-schemas.js';

type ToolResultContent = ToolResultBlock['toolResult']['content'];

const ContentListSchema = z.array(ToolResultContentSchema).min(1);

/**
 * What `execute` returned, as tool-result content: a string is text; a non-empty array of
 * content blocks is used as it is; undefined is no content; anything else is one `json` block
 * (through JSON, so a Date becomes its ISO string and a function is dropped, as `JSON.stringify`
 * does).
 */
export function toToolResultContent(output: unknown): ToolResultContent {
  if (typeof output === 'string') return [{ text: output }];
  if (output === undefined) return [];
  if (Array.isArray(output)) {
    const blocks = ContentListSchema.safeParse(output);
    if (blocks.success) return blocks.data;
  }
  const json = JSON.stringify(output);
  return json === undefined ? [] : [{ json: JSON.parse(json) as unknown }];
}

/** A result with `status: 'error'` whose text tells the model what went wrong. */
export function errorResult(toolUseId: string, text: string): ToolResultBlock {
  return { toolResult: { toolUseId, content: [{ text }], status: 'error' } };
}
