import type { ReplyCitation } from '@bedrock-chat/core';
import { terminalSafeLine } from './terminal-safe.js';

const UNITS = { documentChar: 'characters', documentPage: 'pages', documentChunk: 'chunks' } as const;

function where(citation: ReplyCitation): string {
  const location = citation.location;
  if (!location) return '';
  const [kind, range] = Object.entries(location)[0] as [keyof typeof UNITS, { start?: number; end?: number }];
  if (range.start === undefined || range.end === undefined) return '';
  return ` (${UNITS[kind]} ${range.start}–${range.end})`;
}

/** The sources a reply cites, for stderr after the reply: one numbered line each, quoted. */
export function formatCitations(citations: readonly ReplyCitation[]): string {
  if (citations.length === 0) return '';
  const lines = citations.map((citation, index) => {
    const title = terminalSafeLine(citation.documentTitle ?? 'document');
    const quoted = terminalSafeLine(citation.citedText.replace(/\s+/g, ' ').trim());
    return `  [${index + 1}] ${title}${where(citation)}: "${quoted}"`;
  });
  return `sources:\n${lines.join('\n')}\n`;
}
