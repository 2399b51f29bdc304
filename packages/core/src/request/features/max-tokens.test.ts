import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../models/resolve-model.js';
import { toChatRequest } from '../chat-request.js';
import { FALLBACK_MAX_TOKENS, maxTokensFeature } from './max-tokens.js';

const haiku35 = resolveModel('us.anthropic.claude-3-5-haiku-20241022-v1:0', 'us-east-2');
const draft = { modelId: 'm', messages: [], inferenceConfig: {} };

function maxTokensFor(maxTokens: number | undefined, model = haiku35) {
  const request = toChatRequest([], { maxTokens });
  return maxTokensFeature.request(draft, { request, model }).draft.inferenceConfig.maxTokens;
}

describe('maxTokensFeature', () => {
  it("sends the asked value, else the model's default, else the fallback for an unknown model", () => {
    expect(maxTokensFor(10)).toBe(10);
    expect(maxTokensFor(undefined)).toBe(haiku35.info?.defaultMaxTokens);
    expect(maxTokensFor(undefined, resolveModel('some.unknown-model', 'us-east-1'))).toBe(
      FALLBACK_MAX_TOKENS,
    );
  });

  it('refuses more than the model can produce, naming its limit, and a non-positive value', () => {
    expect(() => maxTokensFor(9000)).toThrow(/more than Claude 3.5 Haiku can produce \(8192\)/);
    expect(() => maxTokensFor(0)).toThrow(/positive integer/);
  });
});
