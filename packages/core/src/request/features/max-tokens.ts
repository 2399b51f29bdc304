import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { RequestFeature } from '../request-feature.js';

/** For a model the catalogue does not know. */
export const FALLBACK_MAX_TOKENS = 4_096;

/**
 * `maxTokens` is always sent (Bedrock reserves quota by it): the call's or the configured one,
 * else the model's default. More than the model can produce is refused here, naming its limit.
 */
export const maxTokensFeature: RequestFeature = {
  name: 'max-tokens',
  applies: () => true,
  request(draft, { request, model }) {
    const maxTokens = request.maxTokens ?? model.info?.defaultMaxTokens ?? FALLBACK_MAX_TOKENS;
    if (!Number.isInteger(maxTokens) || maxTokens < 1) {
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message: `maxTokens must be a positive integer (got ${maxTokens}).`,
      });
    }
    const limit = model.info?.maxOutputTokens;
    if (limit !== undefined && maxTokens > limit) {
      throw new BedrockChatError({
        code: 'INVALID_INPUT',
        message: `maxTokens ${maxTokens} is more than ${model.info?.name} can produce (${limit}).`,
        hint: `Use at most ${limit}.`,
      });
    }
    return { draft: { ...draft, inferenceConfig: { ...draft.inferenceConfig, maxTokens } } };
  },
};
