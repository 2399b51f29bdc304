import type { ReplyCitation } from '../client/chat-types.js';
import type { Message } from './message-schemas.js';

/** The sources a reply cites, flattened from its `citationsContent` blocks, in reply order. */
export function replyCitations(message: Pick<Message, 'content'>): ReplyCitation[] {
  return message.content.flatMap((block) => {
    if (!('citationsContent' in block)) return [];
    const text = block.citationsContent.content.map((part) => part.text).join('');
    return block.citationsContent.citations.map((citation) => ({
      text,
      citedText: (citation.sourceContent ?? []).map((part) => part.text).join(''),
      documentTitle: citation.title,
      location: citation.location,
    }));
  });
}
