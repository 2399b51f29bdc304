import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.js';

describe('matchRoute', () => {
  it('decodes the model id after matching the raw segment', () => {
    expect(matchRoute('POST', '/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse')).toEqual({
      operation: 'Converse',
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    });
  });

  it('keeps %2F inside an ARN as part of the id', () => {
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0';
    expect(matchRoute('POST', `/model/${encodeURIComponent(arn)}/converse-stream`)).toEqual({
      operation: 'ConverseStream',
      modelId: arn,
    });
  });

  it('maps count-tokens and the control-plane lists', () => {
    expect(matchRoute('POST', '/model/x/count-tokens')?.operation).toBe('CountTokens');
    expect(matchRoute('GET', '/foundation-models')).toEqual({ operation: 'ListFoundationModels' });
    expect(matchRoute('GET', '/inference-profiles')).toEqual({ operation: 'ListInferenceProfiles' });
  });

  it('accepts a path prefix from an endpoint with a path', () => {
    expect(matchRoute('POST', '/proxy/bedrock/model/x/converse')?.operation).toBe('Converse');
  });

  it.each([
    ['GET', '/model/x/converse'],
    ['POST', '/model/x/invoke'],
    ['POST', '/model/a/b/converse'],
    ['POST', '/model/%E0%A4%A/converse'],
    ['POST', '/foundation-models'],
  ])('does not match %s %s', (method, path) => {
    expect(matchRoute(method, path)).toBeUndefined();
  });
});
