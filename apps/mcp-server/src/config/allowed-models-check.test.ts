import { resolveModel } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { allowedModelWarnings } from './allowed-models-check.js';

describe('allowedModelWarnings', () => {
  const inEu = async (name: string) => resolveModel(name, 'eu-west-1');

  it('warns for an entry the model table does not know, and only for it', async () => {
    const warnings = await allowedModelWarnings(
      [
        'haiku',
        'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc',
        'nosuchmodel',
      ],
      inEu,
    );
    expect(warnings).toEqual([
      expect.stringContaining('BEDROCK_CHAT_MCP_ALLOWED_MODELS names "nosuchmodel"'),
    ]);
    expect(warnings[0]).toContain('it is allowed as written');
  });

  it('says nothing without an allowlist', async () => {
    expect(await allowedModelWarnings(undefined, inEu)).toEqual([]);
  });
});
