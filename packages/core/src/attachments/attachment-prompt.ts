import type { ContentBlock } from '../messages/content-block-schemas.js';
import type { StoredContentBlock } from '../store/stored-content-schemas.js';
import type { AttachmentBlock } from './attachment-block.js';
import { uniqueDocumentName } from './document-name.js';

/**
 * A prompt's content: the files first, then the text, the order Anthropic recommends for long
 * documents and images ("put long documents at the top", Claude docs, long context tips).
 */
export function promptWithAttachments(text: string, attachments: readonly AttachmentBlock[]): ContentBlock[] {
  return [...attachments, ...(text.trim() === '' ? [] : [{ text }])];
}

/**
 * Renames the prompt's documents whose name the history (or an earlier file of the prompt) already
 * uses — `report` becomes `report (2)` — since Bedrock refuses a name twice in one request. Returns
 * the same array when nothing changes.
 */
export function withUniqueDocumentNames(
  prompt: readonly ContentBlock[],
  history: readonly { content: readonly StoredContentBlock[] }[],
): readonly ContentBlock[] {
  const taken = new Set<string>();
  for (const message of history) {
    for (const block of message.content) if ('document' in block) taken.add(block.document.name);
  }
  let changed = false;
  const renamed = prompt.map((block) => {
    if (!('document' in block)) return block;
    const name = uniqueDocumentName(block.document.name, taken);
    taken.add(name);
    if (name === block.document.name) return block;
    changed = true;
    return { document: { ...block.document, name } };
  });
  return changed ? renamed : prompt;
}
