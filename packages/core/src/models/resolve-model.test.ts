import { describe, expect, it } from 'vitest';
import { geographyPrefixesForRegion, resolveModel } from './resolve-model.js';
import type { ServedModels } from './served-models.js';

describe('resolveModel', () => {
  it('resolves family aliases to the newest model of the family, in the region geography', () => {
    expect(resolveModel('sonnet', 'us-east-2').modelId).toBe('us.anthropic.claude-sonnet-5-5');
    expect(resolveModel('haiku', 'eu-west-1').modelId).toBe('eu.anthropic.claude-haiku-5-5');
    expect(resolveModel('OPUS', 'us-west-2').modelId).toBe('us.anthropic.claude-opus-5-5');
    expect(resolveModel('opus', 'ap-northeast-1').modelId).toBe('jp.anthropic.claude-opus-5-5');
    expect(resolveModel('opus', 'ap-southeast-2').modelId).toBe('au.anthropic.claude-opus-5-5');
    expect(resolveModel('fable', 'us-east-1').modelId).toBe('us.anthropic.claude-fable-5-2');
    expect(resolveModel('sonnet', 'us-east-1')).toMatchObject({
      kind: 'alias',
      info: { name: 'Claude Sonnet 5.5', sampling: 'no-sampling', thinking: { default: 'always' } },
      note: 'sonnet → us.anthropic.claude-sonnet-5-5 (Claude Sonnet 5.5; profile for us-east-1)',
    });
  });

  it('resolves versioned aliases of every generation to their own models', () => {
    expect(resolveModel('sonnet-4.5', 'ap-northeast-1').modelId).toBe(
      'jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(resolveModel('sonnet-4.5', 'ap-southeast-2').modelId).toBe(
      'au.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(resolveModel('sonnet-4', 'ap-south-1').modelId).toBe(
      'apac.anthropic.claude-sonnet-4-20250514-v1:0',
    );
    expect(resolveModel('sonnet-4.6', 'us-east-1').modelId).toBe('us.anthropic.claude-sonnet-4-6');
    expect(resolveModel('opus-4.6', 'eu-west-1').modelId).toBe('eu.anthropic.claude-opus-4-6-v1');
    expect(resolveModel('opus-4.6', 'ap-south-1').modelId).toBe('apac.anthropic.claude-opus-4-6-v1');
    expect(resolveModel('opus-4.7', 'ap-northeast-1').modelId).toBe('jp.anthropic.claude-opus-4-7');
    expect(resolveModel('opus-4.8', 'ap-southeast-2').modelId).toBe('au.anthropic.claude-opus-4-8');
    expect(resolveModel('haiku-4.5', 'us-east-1').modelId).toBe(
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    );
    expect(resolveModel('sonnet-5', 'ap-northeast-1').modelId).toBe('jp.anthropic.claude-sonnet-5');
    expect(resolveModel('fable-5.1', 'eu-west-1').modelId).toBe('global.anthropic.claude-fable-5-1');
    expect(resolveModel('us.anthropic.claude-opus-4-7', 'us-east-1')).toMatchObject({
      kind: 'inference-profile',
      info: { name: 'Claude Opus 4.7', sampling: 'no-sampling', maxOutputTokens: 128_000 },
    });
  });

  it('falls back to the global profile where no geography profile exists', () => {
    expect(resolveModel('sonnet', 'sa-east-1').modelId).toBe('global.anthropic.claude-sonnet-5-5');
    expect(resolveModel('sonnet', 'ap-northeast-1').modelId).toBe('global.anthropic.claude-sonnet-5-5');
    expect(resolveModel('opus', 'ap-south-1').modelId).toBe('global.anthropic.claude-opus-5-5');
  });

  it('says when no published profile of a known model serves the region', () => {
    expect(resolveModel('haiku', 'sa-east-1')).toMatchObject({
      modelId: 'anthropic.claude-haiku-5-5',
      unavailable:
        'Claude Haiku 5.5 is served only through inference profiles (us., eu.) that do not include sa-east-1',
    });
  });

  it('maps a bare foundation-model id that needs a profile, and says so', () => {
    const resolved = resolveModel('anthropic.claude-3-5-haiku-20241022-v1:0', 'us-east-2');
    expect(resolved.modelId).toBe('us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(resolved.kind).toBe('foundation-model');
    expect(resolved.note).toContain('only through an inference profile');
  });

  it('passes profile ids and ARNs through untouched, still knowing the model', () => {
    const profile = resolveModel('us.anthropic.claude-3-5-haiku-20241022-v1:0', 'eu-west-1');
    expect(profile).toMatchObject({
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      kind: 'inference-profile',
      prefix: 'us',
    });
    expect(profile.info?.name).toBe('Claude 3.5 Haiku');
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0';
    expect(resolveModel(arn, 'us-east-1')).toMatchObject({ modelId: arn, kind: 'arn' });
    expect(resolveModel(arn, 'us-east-1').info?.name).toBe('Claude Sonnet 4');
    const app = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    expect(resolveModel(app, 'us-east-1')).toMatchObject({ modelId: app, kind: 'arn', info: undefined });
  });

  it('leaves unknown ids alone for Bedrock to judge', () => {
    expect(resolveModel('amazon.nova-pro-v1:0', 'us-east-1')).toMatchObject({
      modelId: 'amazon.nova-pro-v1:0',
      kind: 'unknown',
    });
  });

  it('uses the prefix table for regions', () => {
    expect(geographyPrefixesForRegion('us-gov-west-1')).toEqual(['us-gov']);
    expect(geographyPrefixesForRegion('eu-central-2')).toEqual(['eu']);
    expect(geographyPrefixesForRegion('me-central-1')).toEqual([]);
  });
});

describe('resolveModel where no profile serves the region', () => {
  it('says so instead of sending a bare id Bedrock refuses', () => {
    const resolved = resolveModel('haiku-3.5', 'eu-west-1');
    expect(resolved.unavailable).toContain(
      'Claude 3.5 Haiku is served only through inference profiles (us.)',
    );
    expect(resolveModel('haiku-3.5', 'us-west-2').unavailable).toBeUndefined();
  });
});

describe('resolveModel with the region list from the control plane', () => {
  const profile = (modelId: string, invocable = true) => ({
    modelId,
    kind: 'inference-profile' as const,
    baseModelId: modelId.slice(modelId.indexOf('.') + 1),
    provider: 'Anthropic',
    name: modelId,
    invocable,
  });
  const foundation = (modelId: string, invocable = false) => ({
    modelId,
    kind: 'foundation-model' as const,
    baseModelId: modelId,
    provider: 'Anthropic',
    name: modelId,
    invocable,
  });
  const list = (region: string, models: ServedModels['models']): ServedModels => ({
    version: 1,
    region,
    fetchedAt: '2026-12-01T12:00:00.000Z',
    models,
  });

  it('takes the profile Bedrock lists, where the table knows another', () => {
    // The table knows Fable 5.1 as global-only; a region that lists a us. profile gets that one.
    const served = list('us-east-1', [
      profile('us.anthropic.claude-fable-5-1'),
      profile('global.anthropic.claude-fable-5-1'),
    ]);
    expect(resolveModel('fable-5.1', 'us-east-1')).toMatchObject({
      modelId: 'global.anthropic.claude-fable-5-1',
    });
    expect(resolveModel('fable-5.1', 'us-east-1', served)).toMatchObject({
      modelId: 'us.anthropic.claude-fable-5-1',
      kind: 'alias',
      prefix: 'us',
      served: true,
    });
  });

  it('points a family alias at the newest model of the family the region serves', () => {
    const served = list('eu-west-1', [
      profile('eu.anthropic.claude-sonnet-5'),
      profile('global.anthropic.claude-sonnet-5'),
    ]);
    expect(resolveModel('sonnet', 'eu-west-1').modelId).toBe('eu.anthropic.claude-sonnet-5-5');
    const resolved = resolveModel('sonnet', 'eu-west-1', served);
    expect(resolved).toMatchObject({ modelId: 'eu.anthropic.claude-sonnet-5', served: true });
    expect(resolved.info?.name).toBe('Claude Sonnet 5');
    // A versioned alias is not moved: the list lacks it, so the table's choice goes and Bedrock decides.
    expect(resolveModel('sonnet-5.5', 'eu-west-1', served)).toMatchObject({
      modelId: 'eu.anthropic.claude-sonnet-5-5',
      served: false,
    });
  });

  it('reaches a model the table does not know through the profile Bedrock lists for it', () => {
    const served = list('us-west-2', [
      foundation('anthropic.claude-sonnet-6'),
      profile('us.anthropic.claude-sonnet-6'),
      profile('global.anthropic.claude-sonnet-6'),
    ]);
    expect(resolveModel('anthropic.claude-sonnet-6', 'us-west-2', served)).toMatchObject({
      modelId: 'us.anthropic.claude-sonnet-6',
      kind: 'foundation-model',
      info: undefined,
      served: true,
      note: 'anthropic.claude-sonnet-6 → us.anthropic.claude-sonnet-6 (Bedrock serves this model only through an inference profile; profile for us-west-2)',
    });
    expect(resolveModel('global.anthropic.claude-sonnet-6', 'us-west-2', served)).toMatchObject({
      kind: 'inference-profile',
      info: undefined,
      served: true,
    });
    expect(resolveModel('anthropic.claude-sonnet-7', 'us-west-2', served)).toMatchObject({
      modelId: 'anthropic.claude-sonnet-7',
      kind: 'unknown',
      served: false,
    });
  });

  it('says nothing about being served without a list, or for an ARN', () => {
    expect(resolveModel('sonnet', 'us-east-1').served).toBeUndefined();
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    expect(resolveModel(arn, 'us-east-1', list('us-east-1', [])).served).toBeUndefined();
  });
});
