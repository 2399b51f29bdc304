import type { ToolResultBlock } from './content-block-schemas.js';

/** A tool result's content as one line of text: text as is, JSON serialised, `[image]` for media. */
export function toolResultText(content: ToolResultBlock['toolResult']['content']): string {
  return content
    .map((part) =>
      'text' in part ? part.text : 'json' in part ? JSON.stringify(part.json) : `[${Object.keys(part)[0]}]`,
    )
    .join(' ');
}
