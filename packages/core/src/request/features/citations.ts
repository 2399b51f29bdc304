import type { ContentBlock } from '../../messages/content-block-schemas.js';
import type { Message } from '../../messages/message-schemas.js';
import type { RequestFeature } from '../request-feature.js';

function withCitations(block: ContentBlock): ContentBlock {
  if (!('document' in block) || block.document.citations !== undefined) return block;
  return { document: { ...block.document, citations: { enabled: true } } };
}

/**
 * `citations: true` asks for citations from every document of the request that does not say
 * otherwise (a document's own `citations` wins). The reply then holds `citationsContent` blocks,
 * which the result lists as `citations`. Models without citations get a warning instead.
 */
export const citationsFeature: RequestFeature = {
  name: 'citations',
  applies: (request) => request.citations,
  request(draft, { model }) {
    if (model.info && !model.info.citations) {
      return {
        draft,
        warnings: [`${model.info.name} does not cite documents; citations were not asked for.`],
      };
    }
    const messages = draft.messages.map((message): Message => {
      if (!message.content.some((block) => 'document' in block)) return message;
      return { ...message, content: message.content.map(withCitations) };
    });
    return { draft: { ...draft, messages } };
  },
};
