import type { ContentBlock } from '../messages/content-block-schemas.js';

export const TITLE_LENGTH = 60;
export const UNTITLED = 'Untitled conversation';

/**
 * A conversation's title from its first prompt: the first non-blank line, whitespace collapsed,
 * cut to 60 characters at a word boundary when there is one, with an ellipsis when cut.
 */
export function titleFromPrompt(prompt: string | readonly ContentBlock[]): string {
  const text =
    typeof prompt === 'string'
      ? prompt
      : prompt.flatMap((block) => ('text' in block ? [block.text] : [])).join('\n');
  const firstLine = text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line !== '');
  if (firstLine === undefined) return UNTITLED;
  // Spread by code points so an emoji is never cut in half.
  const characters = [...firstLine];
  if (characters.length <= TITLE_LENGTH) return firstLine;
  // Room for the ellipsis; a space right after the cut still counts as a word boundary.
  const window = characters.slice(0, TITLE_LENGTH).join('');
  const lastSpace = window.lastIndexOf(' ');
  const head =
    lastSpace >= TITLE_LENGTH / 2
      ? window.slice(0, lastSpace)
      : characters.slice(0, TITLE_LENGTH - 1).join('');
  return `${head.trimEnd()}…`;
}
