import { describe, expect, it } from 'vitest';
import { continuedModel, pinnedModel } from './pinned-model.js';

describe('pinnedModel', () => {
  it('pins an alias, or the default, to the foundation model it resolved to', () => {
    expect(pinnedModel('sonnet', 'us.anthropic.claude-sonnet-5-5')).toBe('anthropic.claude-sonnet-5-5');
    expect(pinnedModel('haiku-4.5', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(
      'anthropic.claude-haiku-4-5-20251001-v1:0',
    );
    expect(pinnedModel(undefined, 'global.anthropic.claude-opus-5-5')).toBe('anthropic.claude-opus-5-5');
  });

  it('keeps a name that is not an alias as the caller gave it', () => {
    expect(pinnedModel('us.anthropic.claude-opus-4-7', 'us.anthropic.claude-opus-4-7')).toBe(
      'us.anthropic.claude-opus-4-7',
    );
    expect(pinnedModel('anthropic.claude-opus-4-7', 'us.anthropic.claude-opus-4-7')).toBe(
      'anthropic.claude-opus-4-7',
    );
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    expect(pinnedModel(arn, arn)).toBe(arn);
    expect(pinnedModel('anthropic.claude-next-9', 'anthropic.claude-next-9')).toBe('anthropic.claude-next-9');
    // A served model the table does not know, reached by the default: what was sent.
    expect(pinnedModel(undefined, 'us.anthropic.claude-next-9')).toBe('us.anthropic.claude-next-9');
  });
});

describe('continuedModel', () => {
  const replies = [
    { role: 'user' as const, modelId: null },
    { role: 'assistant' as const, modelId: 'us.anthropic.claude-opus-4-5-20251101-v1:0' },
    { role: 'user' as const, modelId: null },
    { role: 'assistant' as const, modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' },
  ];

  it('keeps a stored name that is not an alias', () => {
    expect(continuedModel('anthropic.claude-opus-4-7', replies)).toBe('anthropic.claude-opus-4-7');
    expect(continuedModel('us.anthropic.claude-next-9', replies)).toBe('us.anthropic.claude-next-9');
  });

  it('continues a thread stored under an alias, or under no model, on the model of its last reply', () => {
    // Stored before turns were pinned: `opus` now names a newer model than the one that replied.
    expect(continuedModel('opus', replies)).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(continuedModel(null, replies)).toBe('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(continuedModel(undefined, replies.slice(0, 2))).toBe('anthropic.claude-opus-4-5-20251101-v1:0');
  });

  it('keeps the stored name when no reply says which model wrote the thread', () => {
    expect(continuedModel('opus', [])).toBe('opus');
    expect(continuedModel(null, [{ role: 'assistant', modelId: null }])).toBeUndefined();
  });
});
