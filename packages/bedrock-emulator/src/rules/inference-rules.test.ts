import { describe, expect, it } from 'vitest';
import {
  FABLE_5,
  HAIKU_35,
  HAIKU_45,
  OPUS_41,
  OPUS_46,
  OPUS_47,
  refusal,
  request,
  SONNET_4,
  SONNET_46,
} from './__fixtures__/rule-fixtures.js';
import { samplingRefusal, stopSequenceConstraints } from './inference-rules.js';

describe('stopSequenceConstraints', () => {
  it('accepts 2,500 stop sequences and refuses 2,501 with Coral’s wording', () => {
    const sequences = (count: number) => Array.from({ length: count }, (_, index) => `s${index}`);
    expect(
      refusal(stopSequenceConstraints, request({ inferenceConfig: { stopSequences: sequences(2500) } })),
    ).toBeNull();
    const message = refusal(
      stopSequenceConstraints,
      request({ inferenceConfig: { stopSequences: sequences(2501) } }),
    );
    expect(message).toMatch(/^1 validation error detected: Value '\[s0, s1, /);
    expect(message).toMatch(
      /at 'inferenceConfig\.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500$/,
    );
  });
});

describe('stopSequenceConstraints', () => {
  it('refuses an empty stop sequence (a NonEmptyString) with Coral’s wording and 1-based path', () => {
    expect(
      refusal(stopSequenceConstraints, request({ inferenceConfig: { stopSequences: ['END', ''] } })),
    ).toBe(
      "1 validation error detected: Value '' at 'inferenceConfig.stopSequences.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(
      refusal(stopSequenceConstraints, request({ inferenceConfig: { stopSequences: ['END'] } })),
    ).toBeNull();
    expect(refusal(stopSequenceConstraints, request({ inferenceConfig: { stopSequences: [] } }))).toBeNull();
  });
});

describe('samplingRefusal', () => {
  const both = request({ inferenceConfig: { temperature: 0.5, topP: 0.9 } });

  it.each([HAIKU_45, OPUS_41, SONNET_46, OPUS_46])('refuses temperature with topP on $modelName', (model) => {
    expect(refusal(samplingRefusal, both, model)).toBe(
      'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    );
  });

  it.each([HAIKU_35, SONNET_4])('accepts temperature with topP on $modelName', (model) => {
    expect(refusal(samplingRefusal, both, model)).toBeNull();
  });

  it('accepts either one alone on the 4.5+ models', () => {
    expect(refusal(samplingRefusal, request({ inferenceConfig: { temperature: 0.5 } }), HAIKU_45)).toBeNull();
    expect(refusal(samplingRefusal, request({ inferenceConfig: { topP: 0.5 } }), HAIKU_45)).toBeNull();
  });

  it('refuses temperature alone on Opus 4.7, and accepts a request without it', () => {
    expect(refusal(samplingRefusal, request({ inferenceConfig: { temperature: 0 } }), OPUS_47)).toBe(
      'The model returned the following errors: temperature is deprecated for this model.',
    );
    expect(refusal(samplingRefusal, request({ inferenceConfig: { maxTokens: 100 } }), OPUS_47)).toBeNull();
  });

  it("accepts the Fable models' defaults (temperature 1, topP from 0.99) and refuses other values", () => {
    const sampled = (inferenceConfig: { temperature?: number; topP?: number }) =>
      refusal(samplingRefusal, request({ inferenceConfig }), FABLE_5);
    expect(sampled({ temperature: 1 })).toBeNull();
    expect(sampled({ topP: 0.99 })).toBeNull();
    expect(sampled({ temperature: 0.7 })).toBe(
      'The model returned the following errors: temperature is deprecated for this model.',
    );
    expect(sampled({ topP: 0.9 })).toBe(
      'The model returned the following errors: top_p is deprecated for this model.',
    );
  });
});
