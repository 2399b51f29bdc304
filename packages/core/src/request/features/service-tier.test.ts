import { describe, expect, it } from 'vitest';
import { encodeConverseInput } from '../../transport/converse/encode-converse-input.js';
import { toChatRequest } from '../chat-request.js';
import { build, hello, refusal } from './__fixtures__/built-request.js';
import { servedPricing, servedReport } from './service-tier.js';

describe('serviceTierFeature', () => {
  it("sends priority and flex as Converse's serviceTier, and nothing for default or when unset", () => {
    const flex = build('sonnet-4.6', { serviceTier: 'flex' });
    expect(flex.applied).toContain('service-tier');
    expect(encodeConverseInput(flex.draft).serviceTier).toEqual({ type: 'flex' });
    expect(encodeConverseInput(build('sonnet-4.6', { serviceTier: 'priority' }).draft).serviceTier).toEqual({
      type: 'priority',
    });
    const byDefault = encodeConverseInput(build('sonnet-4.6', { serviceTier: 'default' }).draft);
    expect(byDefault).not.toHaveProperty('serviceTier');
    const unset = build('sonnet-4.6', {});
    expect(unset.applied).not.toContain('service-tier');
    expect(encodeConverseInput(unset.draft)).not.toHaveProperty('serviceTier');
    expect(encodeConverseInput(unset.draft)).not.toHaveProperty('performanceConfig');
  });

  it('warns that AWS lists no such tier for a catalogued model it has no record for', () => {
    expect(build('sonnet-4.6', { serviceTier: 'flex' }).warnings).toEqual([
      'AWS lists no flex tier for Claude Sonnet 4.6; Bedrock refuses the call if the model lacks it (nothing is billed then).',
    ]);
    expect(build('sonnet-4.6', { serviceTier: 'default' }).warnings).toEqual([]);
  });

  it('sends a tier to a model the table does not know as asked, without a warning', () => {
    const built = build('us.anthropic.claude-future-9', { serviceTier: 'priority' });
    expect(encodeConverseInput(built.draft).serviceTier).toEqual({ type: 'priority' });
    expect(built.warnings).toEqual([]);
  });

  it('refuses a tier Bedrock is known to refuse for the model, before any call', () => {
    const error = refusal('opus-4.6', { serviceTier: 'priority' });
    expect(error.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(error.message).toBe("Claude Opus 4.6 is not served on Bedrock's priority tier.");
    expect(error.details).toEqual({ option: 'serviceTier' });
    expect(refusal('opus-4.7', { serviceTier: 'flex' }).code).toBe('UNSUPPORTED_BY_MODEL');
    expect(encodeConverseInput(build('opus-4.6', { serviceTier: 'default' }).draft)).not.toHaveProperty(
      'serviceTier',
    );
  });

  it('sends latency optimized only to a model AWS serves so, and nothing for standard', () => {
    const optimized = build('haiku-3.5', { latency: 'optimized' });
    expect(encodeConverseInput(optimized.draft).performanceConfig).toEqual({ latency: 'optimized' });
    expect(encodeConverseInput(build('haiku-3.5', { latency: 'standard' }).draft)).not.toHaveProperty(
      'performanceConfig',
    );
    const error = refusal('sonnet-4.6', { latency: 'optimized' });
    expect(error.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(error.message).toBe('Claude Sonnet 4.6 has no latency-optimized inference on Bedrock.');
    expect(error.details).toEqual({ option: 'latency' });
  });

  it('takes the configured tier and latency when the call gives none, the call winning', () => {
    const request = toChatRequest(
      hello,
      { serviceTier: 'priority' },
      { serviceTier: 'flex', latency: 'optimized' },
    );
    expect(request.serviceTier).toBe('priority');
    expect(request.latency).toBe('optimized');
  });
});

describe('servedReport', () => {
  const asked = toChatRequest(hello, { serviceTier: 'flex', latency: 'optimized' });

  it('reports what Bedrock says it served, else what was asked, marked as such', () => {
    expect(servedReport(asked, { serviceTier: 'default', latency: 'standard' })).toEqual({
      serviceTier: { tier: 'default', source: 'bedrock' },
      latency: { mode: 'standard', source: 'bedrock' },
    });
    expect(servedReport(asked, undefined)).toEqual({
      serviceTier: { tier: 'flex', source: 'requested' },
      latency: { mode: 'optimized', source: 'requested' },
    });
    expect(servedReport(toChatRequest(hello, {}), undefined)).toEqual({});
    expect(servedReport(toChatRequest(hello, {}), { serviceTier: 'reserved' })).toEqual({
      serviceTier: { tier: 'reserved', source: 'bedrock' },
    });
  });

  it('prices the call at the tier and latency reported', () => {
    expect(servedPricing(servedReport(asked, { serviceTier: 'default' }))).toEqual({
      serviceTier: 'default',
      latency: 'optimized',
    });
  });
});
