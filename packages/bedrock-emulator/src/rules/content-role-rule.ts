import { isRecord, modelError, type RequestRule } from './request-rule.js';

/**
 * "You can only include images and documents if the role is user" (Message, Bedrock Runtime API
 * reference); Claude's wording: "messages.1.content: 'image' blocks are not permitted within
 * assistant turns." (github.com/epam/ai-dial-adapter-bedrock/pull/306).
 */
export const mediaOnlyFromUser: RequestRule = (request) => {
  for (const [index, message] of request.messages.entries()) {
    if (message.role !== 'assistant') continue;
    const media = message.content.find((block) => isRecord(block.image) || isRecord(block.document));
    if (media === undefined) continue;
    const kind = isRecord(media.image) ? 'image' : 'document';
    return modelError(
      `messages.${index}.content: '${kind}' blocks are not permitted within assistant turns.`,
    );
  }
  return null;
};
