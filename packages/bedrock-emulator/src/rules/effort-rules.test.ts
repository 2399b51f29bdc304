import { describe, expect, it } from 'vitest';
import {
  FABLE_5,
  HAIKU_45,
  OPUS_5,
  OPUS_45,
  OPUS_47,
  refusal,
  request,
} from './__fixtures__/rule-fixtures.js';
import { effortRules } from './effort-rules.js';

const prefix = 'The model returned the following errors: ';
const effort = (level: string, thinking?: Record<string, unknown>) =>
  request({
    outputConfig: { effort: level },
    ...(thinking ? { additionalModelRequestFields: { thinking } } : {}),
  });

describe('effortRules', () => {
  it('refuses effort on a model without it, and a level the model lacks, listing its levels', () => {
    expect(refusal(effortRules, effort('low'), HAIKU_45)).toBe(
      `${prefix}output_config.effort: Extra inputs are not permitted`,
    );
    expect(refusal(effortRules, effort('max'), OPUS_45)).toBe(
      `${prefix}output_config.effort: Input should be 'low', 'medium' or 'high'`,
    );
  });

  it('refuses xhigh and max without thinking; takes them with it, or on a model thinking by default', () => {
    expect(refusal(effortRules, effort('xhigh'), OPUS_47)).toBe(
      `${prefix}output_config.effort 'xhigh' is not supported when thinking is disabled on this model. Use effort 'high' or below, or enable thinking.`,
    );
    expect(refusal(effortRules, effort('xhigh', { type: 'adaptive' }), OPUS_47)).toBeNull();
    expect(refusal(effortRules, effort('max'), OPUS_5)).toBeNull();
    expect(refusal(effortRules, effort('max', { type: 'disabled' }), OPUS_5)).toContain(
      "'max' is not supported",
    );
    expect(refusal(effortRules, effort('max'), FABLE_5)).toBeNull();
  });

  it('leaves requests without effort alone', () => {
    expect(refusal(effortRules, request(), HAIKU_45)).toBeNull();
    expect(refusal(effortRules, effort('medium'), OPUS_45)).toBeNull();
  });
});
