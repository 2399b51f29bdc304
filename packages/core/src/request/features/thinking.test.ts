import { describe, expect, it } from 'vitest';
import type { ChatOptions } from '../../client/chat-types.js';
import type { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import { resolveModel } from '../../models/resolve-model.js';
import { type ChatDefaults, toChatRequest } from '../chat-request.js';
import { buildRequest } from '../pipeline.js';

const hello = [{ role: 'user' as const, content: [{ text: 'hello' }] }];

function build(model: string, options: ChatOptions, defaults: ChatDefaults = {}) {
  return buildRequest(toChatRequest(hello, options, defaults), resolveModel(model, 'us-east-1'));
}

function refusal(model: string, options: ChatOptions, defaults: ChatDefaults = {}): BedrockChatError {
  try {
    build(model, options, defaults);
  } catch (error) {
    return error as BedrockChatError;
  }
  throw new Error('expected the request to be refused');
}

describe('thinkingFeature', () => {
  it('asks for adaptive thinking with its text shown where the model has it, raising maxTokens to 16,000', () => {
    for (const model of ['sonnet-4.6', 'opus-4.7', 'sonnet-5.5']) {
      const built = build(model, { thinking: true });
      expect(built.applied).toContain('thinking');
      expect(built.draft.modelFields?.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
      expect(built.draft.inferenceConfig.maxTokens).toBe(16_000);
    }
  });

  it('gives a budget-only model half of maxTokens as its budget', () => {
    const built = build('sonnet-4.5', { thinking: true });
    expect(built.draft.modelFields?.thinking).toEqual({ type: 'enabled', budget_tokens: 8_000 });
    expect(built.draft.inferenceConfig.maxTokens).toBe(16_000);
    const small = build('sonnet-4.5', { thinking: true, maxTokens: 3_000 });
    expect(small.draft.modelFields?.thinking).toEqual({ type: 'enabled', budget_tokens: 1_500 });
    expect(small.draft.inferenceConfig.maxTokens).toBe(3_000);
  });

  it('sends an explicit budget, raising an unset maxTokens above it', () => {
    const built = build('sonnet-4.6', { thinking: { budgetTokens: 20_000 } });
    expect(built.draft.modelFields?.thinking).toEqual({ type: 'enabled', budget_tokens: 20_000 });
    expect(built.draft.inferenceConfig.maxTokens).toBe(24_096);
    // The model's limit caps the raise: Opus 4.1 produces at most 32,000.
    expect(build('opus-4.1', { thinking: { budgetTokens: 30_000 } }).draft.inferenceConfig.maxTokens).toBe(
      32_000,
    );
  });

  it('refuses a budget that is not below maxTokens, naming both', () => {
    const error = refusal('sonnet-4.5', { thinking: { budgetTokens: 4_096 }, maxTokens: 4_096 });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'thinking.budgetTokens (4096) must be less than maxTokens (4096): the answer is written from what is left.',
    );
    expect(refusal('sonnet-4.5', { thinking: { budgetTokens: 64_000 } }).hint).toBe(
      'Claude Sonnet 4.5 produces at most 64000 tokens: use a budget below that.',
    );
    // A configured maxTokens is as binding as the call's.
    expect(refusal('sonnet-4.5', { thinking: true }, { maxTokens: 1_024 }).message).toContain(
      'must be less than maxTokens (1024)',
    );
  });

  it('refuses a budget on a model that thinks adaptively only, and thinking on a model without it', () => {
    const adaptive = refusal('opus-4.7', { thinking: { budgetTokens: 2_048 } });
    expect(adaptive.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(adaptive.message).toBe('Claude Opus 4.7 thinks adaptively only: it takes no thinking budget.');
    const none = refusal('haiku-3.5', { thinking: true });
    expect(none.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(none.message).toBe('Claude 3.5 Haiku has no extended thinking.');
  });

  it('refuses a temperature other than 1 from the call; drops a configured one with a warning', () => {
    const error = refusal('sonnet-4.5', { thinking: true, temperature: 0.3 });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('temperature 0.3 cannot be combined with thinking');
    expect(build('sonnet-4.5', { thinking: true, temperature: 1 }).draft.inferenceConfig.temperature).toBe(1);
    const configured = build('sonnet-4.5', { thinking: true }, { temperature: 0.3 });
    expect(configured.draft.inferenceConfig).not.toHaveProperty('temperature');
    expect(configured.warnings).toEqual([
      'Thinking takes no temperature but 1; the configured temperature (0.3) was not sent.',
    ]);
  });

  it('turns thinking off where it is on by default, refuses that where it is always on, and does nothing elsewhere', () => {
    expect(build('opus-5', { thinking: false }).draft.modelFields?.thinking).toEqual({ type: 'disabled' });
    const always = refusal('fable-5', { thinking: false });
    expect(always.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(always.message).toBe('Claude Fable 5 always thinks: thinking cannot be turned off.');
    expect(build('sonnet-4.5', { thinking: false }).draft.modelFields).toBeUndefined();
  });

  it('costs nothing when thinking is not asked for', () => {
    const built = build('sonnet-4.5', {});
    expect(built.applied).not.toContain('thinking');
    expect(built.draft.inferenceConfig.maxTokens).toBe(4_096);
  });

  it('runs before tools, so a forced tool choice with thinking is refused before the call', () => {
    const tool = { name: 'lookup', inputSchema: { type: 'object', properties: {} } };
    const error = refusal('sonnet-4.5', { thinking: true, tools: [tool], toolChoice: 'any' });
    expect(error.message).toContain('A forced toolChoice');
  });
});
