import { toSystemBlocks } from '../../messages/message-builders.js';
import type { RequestFeature } from '../request-feature.js';

/** The system prompt as blocks; an empty one is left out (Bedrock rejects an empty text block). */
export const systemPromptFeature: RequestFeature = {
  name: 'system',
  applies: (request) => request.system !== undefined,
  request(draft, { request }) {
    const system = toSystemBlocks(request.system);
    return { draft: system ? { ...draft, system } : draft };
  },
};
