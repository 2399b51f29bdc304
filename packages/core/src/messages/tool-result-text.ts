import type { ToolResultBlock } from './content-block-schemas.js';

/** A tool result's content as one line of text: text as is, JSON serialised, `[image]` for media. */
export function toolResultText(
  // Media as sent or as a store keeps it (by reference): only its kind is shown.
  content: readonly (
    | ToolResultBlock['toolResult']['content'][number]
    | { image: unknown }
    | { document: unknown }
  )[],
): string {
  return content
    .map((part) =>
      'text' in part ? part.text : 'json' in part ? JSON.stringify(part.json) : `[${Object.keys(part)[0]}]`,
    )
    .join(' ');
}
