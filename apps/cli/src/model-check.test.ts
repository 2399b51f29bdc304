import { resolveModel } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { checkModel, formatModelWarning } from './model-check.js';

const check = (model: string, region = 'us-east-1') => checkModel(resolveModel(model, region), region);

describe('checkModel', () => {
  it('passes aliases, known profile ids and ARNs', () => {
    expect(check('haiku')).toEqual({
      status: 'ok',
      summary: expect.stringContaining('haiku → us.anthropic.claude-haiku-5-5'),
    });
    expect(check('us.anthropic.claude-haiku-4-5-20251001-v1:0')).toMatchObject({
      status: 'ok',
      summary: 'us.anthropic.claude-haiku-4-5-20251001-v1:0 (Claude Haiku 4.5)',
    });
    expect(check('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc').status).toBe(
      'ok',
    );
  });

  it('warns about names the built-in table does not know, a typo in a profile id included', () => {
    expect(check('nosuch')).toEqual({
      status: 'warn',
      summary: 'nosuch is not in the built-in table: Bedrock decides whether it works',
      fix: 'Use an alias (sonnet, haiku, opus) or an inference profile id from `bedrock-chat models`.',
    });
    expect(check('us.anthropic.claude-sonet-4-5-20250929-v1:0').status).toBe('warn');
  });

  it("judges by Bedrock's model list when there is one: served but unknown, or known but not served", () => {
    const served = {
      version: 1 as const,
      region: 'us-east-1',
      fetchedAt: '2026-12-01T12:00:00.000Z',
      models: [
        {
          modelId: 'us.anthropic.claude-sonnet-6',
          kind: 'inference-profile' as const,
          name: 'US Anthropic Claude Sonnet 6',
          invocable: true,
        },
      ],
    };
    const judged = (model: string) => checkModel(resolveModel(model, 'us-east-1', served), 'us-east-1');
    expect(judged('us.anthropic.claude-sonnet-6')).toEqual({
      status: 'warn',
      summary:
        'us.anthropic.claude-sonnet-6 is not in the built-in table (newer than this release); Bedrock serves it in us-east-1, with its cost unknown',
    });
    expect(judged('us.anthropic.claude-haiku-5-5')).toMatchObject({
      status: 'warn',
      summary:
        "us.anthropic.claude-haiku-5-5 is not in Bedrock's model list for us-east-1: the call may fail",
    });
  });

  it('fails a known model that no inference profile serves in the region', () => {
    expect(check('haiku-3.5', 'eu-west-1')).toMatchObject({
      status: 'fail',
      summary: 'haiku-3.5: no inference profile of Claude 3.5 Haiku is published for eu-west-1',
      code: 'MODEL_NOT_IN_REGION',
    });
  });

  it('formats a warning as the lines stderr shows, and nothing when the check passed', () => {
    expect(formatModelWarning(check('nosuch'))).toBe(
      'warning: model nosuch is not in the built-in table: Bedrock decides whether it works.\nhint: Use an alias (sonnet, haiku, opus) or an inference profile id from `bedrock-chat models`.\n',
    );
    expect(formatModelWarning(check('haiku'))).toBe('');
  });
});
