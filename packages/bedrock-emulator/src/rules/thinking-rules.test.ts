import { describe, expect, it } from 'vitest';
import {
  FABLE_5,
  FABLE_52,
  HAIKU_35,
  HAIKU_45,
  HAIKU_55,
  OPUS_5,
  OPUS_47,
  OPUS_55,
  refusal,
  request,
  SONNET_37,
} from './__fixtures__/rule-fixtures.js';
import { thinkingRules } from './thinking-rules.js';

const thinking = (budget_tokens: unknown, inferenceConfig = {}) =>
  request({
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens } },
    inferenceConfig,
  });
const prefix = 'The model returned the following errors: ';

describe('thinkingRules', () => {
  it('accepts a budget of 1,024 below maxTokens, with temperature 1 or unset', () => {
    expect(refusal(thinkingRules, thinking(1024, { maxTokens: 2048 }))).toBeNull();
    expect(refusal(thinkingRules, thinking(1024, { maxTokens: 2048, temperature: 1 }), SONNET_37)).toBeNull();
  });

  it('refuses a budget under 1,024', () => {
    expect(refusal(thinkingRules, thinking(1023, { maxTokens: 4096 }))).toBe(
      `${prefix}thinking.enabled.budget_tokens: Input should be greater than or equal to 1024`,
    );
  });

  it('refuses a budget that is not below maxTokens (the model limit when maxTokens is unset)', () => {
    const expected = `${prefix}\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size`;
    expect(refusal(thinkingRules, thinking(2048, { maxTokens: 2048 }))).toBe(expected);
    expect(refusal(thinkingRules, thinking(64_000))).toBe(expected);
    expect(refusal(thinkingRules, thinking(63_999))).toBeNull();
  });

  it('refuses any temperature but 1', () => {
    expect(refusal(thinkingRules, thinking(1024, { maxTokens: 4096, temperature: 0.7 }))).toBe(
      `${prefix}temperature may only be set to 1 when thinking is enabled.`,
    );
  });

  it('refuses a missing budget', () => {
    expect(refusal(thinkingRules, thinking(undefined, { maxTokens: 4096 }))).toBe(
      `${prefix}thinking.enabled.budget_tokens: Field required`,
    );
  });

  it('refuses thinking on a model without it, and budget thinking on an adaptive-only model', () => {
    expect(refusal(thinkingRules, thinking(1024, { maxTokens: 4096 }), HAIKU_35)).toBe(
      `${prefix}thinking: Extra inputs are not permitted`,
    );
    expect(refusal(thinkingRules, thinking(1024, { maxTokens: 4096 }), OPUS_47)).toBe(
      `${prefix}"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`,
    );
  });

  it('refuses a thinking budget on every model since Opus 4.7, which think adaptively only', () => {
    for (const adaptiveOnly of [HAIKU_55, OPUS_55, FABLE_52]) {
      expect(refusal(thinkingRules, thinking(1024, { maxTokens: 4096 }), adaptiveOnly)).toContain(
        '"thinking.type.enabled" is not supported for this model.',
      );
    }
  });

  it('leaves requests without thinking and adaptive thinking alone', () => {
    expect(refusal(thinkingRules, request({ inferenceConfig: { temperature: 0.2 } }), HAIKU_45)).toBeNull();
    const adaptive = request({ additionalModelRequestFields: { thinking: { type: 'adaptive' } } });
    expect(refusal(thinkingRules, adaptive, OPUS_47)).toBeNull();
  });

  it('refuses turning thinking off on a model that always thinks, and accepts it where it is on by default', () => {
    const disabled = request({ additionalModelRequestFields: { thinking: { type: 'disabled' } } });
    expect(refusal(thinkingRules, disabled, FABLE_5)).toBe(
      `${prefix}"thinking.type.disabled" is not supported for this model.`,
    );
    expect(refusal(thinkingRules, disabled, OPUS_5)).toBeNull();
    expect(refusal(thinkingRules, disabled, HAIKU_45)).toBeNull();
  });
});
