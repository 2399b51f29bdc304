import { describe, expect, it } from 'vitest';
import { resolveModel } from '../models/resolve-model.js';
import { type ChatRequest, toChatRequest } from './chat-request.js';
import { rawModelFieldsFeature } from './features/raw-model-fields.js';
import { buildRequest, REQUEST_FEATURES } from './pipeline.js';
import type { RequestFeature } from './request-feature.js';

const haiku45 = resolveModel('haiku-4.5', 'us-east-1');
const hello = [{ role: 'user' as const, content: [{ text: 'hello' }] }];

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { ...toChatRequest(hello, {}), ...overrides };
}

/** A feature standing in for thinking: it sets a model field, as the real one will. */
const thinkingLike: RequestFeature = {
  name: 'thinking-like',
  applies: () => true,
  request: (draft) => ({
    draft: { ...draft, modelFields: { ...draft.modelFields, thinking: { type: 'enabled' } } },
  }),
};

describe('buildRequest', () => {
  it('runs only the features that apply, in the fixed order, and names them', () => {
    const plain = buildRequest(request(), haiku45);
    expect(plain.applied).toEqual(['max-tokens']);
    expect(plain.draft).toEqual({
      modelId: haiku45.modelId,
      messages: hello,
      inferenceConfig: { maxTokens: haiku45.info?.defaultMaxTokens },
    });
    const full = buildRequest(
      request({ system: 'Be brief.', temperature: 0.3, stopSequences: ['END'], raw: { top_k: 5 } }),
      haiku45,
    );
    expect(full.applied).toEqual([
      'max-tokens',
      'sampling',
      'system',
      'stop-sequences',
      'cache-points',
      'raw-model-fields',
    ]);
    expect(full.draft.inferenceConfig).toEqual({ maxTokens: 4096, temperature: 0.3, stopSequences: ['END'] });
    expect(full.draft.system).toEqual([{ text: 'Be brief.' }]);
    expect(full.draft.modelFields).toEqual({ top_k: 5 });
    expect(full.warnings).toEqual([]);
  });

  it('keeps the raw passthrough last', () => {
    expect(REQUEST_FEATURES.at(-1)).toBe(rawModelFieldsFeature);
  });

  it("collects each feature's warnings", () => {
    const built = buildRequest(
      request({ temperature: 0.2, topP: 0.9, temperatureIsDefault: false }),
      haiku45,
    );
    expect(built.draft.inferenceConfig).toEqual({ maxTokens: 4096, temperature: 0.2 });
    expect(built.warnings).toEqual([
      'Claude Haiku 4.5 does not accept temperature and topP together; topP (0.9) was not sent.',
    ]);
  });

  it("lets the caller's raw fields win over a feature's, with a warning naming the field", () => {
    const features = [thinkingLike, rawModelFieldsFeature];
    const built = buildRequest(
      request({ raw: { thinking: { type: 'disabled' }, top_k: 5 } }),
      haiku45,
      features,
    );
    expect(built.draft.modelFields).toEqual({ thinking: { type: 'disabled' }, top_k: 5 });
    expect(built.warnings).toEqual([
      'additionalModelRequestFields.thinking replaced the thinking bedrock-chat set from your options.',
    ]);
    const noConflict = buildRequest(request({ raw: { top_k: 5 } }), haiku45, features);
    expect(noConflict.draft.modelFields).toEqual({ thinking: { type: 'enabled' }, top_k: 5 });
    expect(noConflict.warnings).toEqual([]);
  });

  it('never changes the request it was given', () => {
    const asked = request({ system: 'x', temperature: 0.5, topP: 0.5, raw: { a: 1 } });
    const copy = structuredClone(asked);
    buildRequest(asked, haiku45);
    expect(asked).toEqual(copy);
  });
});

describe('toChatRequest', () => {
  it("takes the call's options over the config's defaults, and remembers whose temperature it is", () => {
    const defaults = { system: 'Default', temperature: 0.7, maxTokens: 100 };
    expect(toChatRequest(hello, {}, defaults)).toMatchObject({
      system: 'Default',
      temperature: 0.7,
      temperatureIsDefault: true,
      maxTokens: 100,
    });
    expect(toChatRequest(hello, { system: 'Mine', temperature: 0.1, maxTokens: 5 }, defaults)).toMatchObject({
      system: 'Mine',
      temperature: 0.1,
      temperatureIsDefault: false,
      maxTokens: 5,
    });
  });
});
