import { describe, expect, it } from 'vitest';
import { HAIKU_35, OPUS_46, OPUS_47, refusal, request, SONNET_46 } from './__fixtures__/rule-fixtures.js';
import { latencyRule, servedSettings, serviceTierRule } from './service-tier-rules.js';

const tier = (type: unknown) => request({ serviceTier: { type } });
const latency = (value: unknown) => request({ performanceConfig: { latency: value } });

describe('serviceTierRule', () => {
  it('takes default on every model, and priority and flex where no refusal is known', () => {
    expect(refusal(serviceTierRule, tier('default'), OPUS_46)).toBeNull();
    expect(refusal(serviceTierRule, tier('priority'), SONNET_46)).toBeNull();
    expect(refusal(serviceTierRule, tier('flex'), SONNET_46)).toBeNull();
    expect(refusal(serviceTierRule, request(), OPUS_46)).toBeNull();
  });

  it("refuses a tier the model lacks, an unknown one, and reserved without a reservation, in Bedrock's words", () => {
    expect(refusal(serviceTierRule, tier('priority'), OPUS_46)).toBe(
      'The provided service tier is not supported for this model',
    );
    expect(refusal(serviceTierRule, tier('flex'), OPUS_47)).toBe(
      'The provided service tier is not supported for this model',
    );
    expect(refusal(serviceTierRule, tier('standard'), SONNET_46)).toBe('service tier provided is invalid');
    expect(refusal(serviceTierRule, request({ serviceTier: 'flex' }), SONNET_46)).toBe(
      'service tier provided is invalid',
    );
    expect(refusal(serviceTierRule, tier('reserved'), SONNET_46)).toBe('Reservation not found.');
  });
});

describe('latencyRule', () => {
  it('takes standard everywhere and optimized on Claude 3.5 Haiku', () => {
    expect(refusal(latencyRule, latency('standard'), SONNET_46)).toBeNull();
    expect(refusal(latencyRule, latency('optimized'), HAIKU_35)).toBeNull();
  });

  it('refuses optimized on another model, and a value outside the enum with the constraint message', () => {
    expect(refusal(latencyRule, latency('optimized'), SONNET_46)).toBe(
      'Latency-optimized inference is not supported for this model.',
    );
    expect(refusal(latencyRule, latency('turbo'), HAIKU_35)).toBe(
      "1 validation error detected: Value 'turbo' at 'performanceConfig.latency' failed to satisfy constraint: Member must satisfy enum value set: [optimized, standard]",
    );
  });
});

describe('servedSettings', () => {
  it('echoes the tier and latency asked for, and nothing when none was', () => {
    expect(
      servedSettings(request({ serviceTier: { type: 'flex' }, performanceConfig: { latency: 'optimized' } })),
    ).toEqual({ serviceTier: { type: 'flex' }, performanceConfig: { latency: 'optimized' } });
    expect(servedSettings(request())).toEqual({});
  });
});
