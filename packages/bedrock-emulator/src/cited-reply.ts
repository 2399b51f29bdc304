import type { ConverseRequest } from './converse-request.js';

/** A Converse citation, as the emulator sends it (location by characters of the document). */
export interface EmulatedCitation {
  readonly title: string;
  readonly sourceContent: readonly { readonly text: string }[];
  readonly location: { readonly documentChar: { documentIndex: number; start: number; end: number } };
}

/** A cited passage of the reply: its text and the citation that backs it. */
export interface CitedPassage {
  readonly text: string;
  readonly citation: EmulatedCitation;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TEXT_FORMATS = new Set(['txt', 'md', 'csv', 'html']);

/** A document's text when the emulator can read it: a text source, or the bytes of a text format. */
function documentText(document: Record<string, unknown>): string | undefined {
  const source = isRecord(document.source) ? document.source : {};
  if (typeof source.text === 'string') return source.text;
  if (typeof source.bytes === 'string' && TEXT_FORMATS.has(String(document.format ?? 'txt'))) {
    return Buffer.from(source.bytes, 'base64').toString('utf8');
  }
  return undefined;
}

/**
 * With citations enabled on a document (`document.citations.enabled`), the model cites it: the
 * emulator quotes each such document's first sentence (up to 200 characters; a binary document
 * is cited by its name) as a `citationsContent` block, located by characters. Documents are
 * numbered across the request in order, as Bedrock's `documentIndex` counts them.
 */
export function citedPassages(request: Pick<ConverseRequest, 'messages'>): CitedPassage[] {
  const passages: CitedPassage[] = [];
  let documentIndex = 0;
  for (const message of request.messages) {
    for (const block of message.content) {
      if (!isRecord(block.document)) continue;
      const document = block.document;
      const index = documentIndex++;
      if (message.role !== 'user' || !isRecord(document.citations) || document.citations.enabled !== true)
        continue;
      const title = typeof document.name === 'string' ? document.name : 'document';
      const text = documentText(document);
      const sentence =
        text === undefined ? title : (/^[^.!?\n]*[.!?]?/.exec(text.trim())?.[0] ?? '').slice(0, 200);
      const start = text === undefined ? 0 : Math.max(0, text.indexOf(sentence));
      passages.push({
        text: `${title} says: ${sentence}`,
        citation: {
          title,
          sourceContent: [{ text: sentence }],
          location: { documentChar: { documentIndex: index, start, end: start + sentence.length } },
        },
      });
    }
  }
  return passages;
}
