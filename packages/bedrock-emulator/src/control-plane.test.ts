import { describe, expect, it } from 'vitest';
import { inferenceProfilesForRegion, listFoundationModels, listInferenceProfiles } from './control-plane.js';
import { EMULATED_MODELS } from './model-catalogue.js';

type Summaries = { modelSummaries: { modelId: string; inferenceTypesSupported: string[] }[] };
type Profiles = { inferenceProfileSummaries: { inferenceProfileId: string }[]; nextToken?: string };

describe('listFoundationModels', () => {
  it('lists the catalogue with regional ARNs and INFERENCE_PROFILE for profile-only models', () => {
    const { modelSummaries } = listFoundationModels('us-west-2', new URLSearchParams()) as Summaries;
    expect(modelSummaries.length).toBe(EMULATED_MODELS.length);
    expect(modelSummaries[0]).toMatchObject({
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      providerName: 'Anthropic',
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
  });

  it('filters by provider (case-insensitive) and inference type', () => {
    const byProvider = listFoundationModels(
      'us-east-1',
      new URLSearchParams({ byProvider: 'anthropic' }),
    ) as Summaries;
    expect(byProvider.modelSummaries).toHaveLength(EMULATED_MODELS.length);
    const none = listFoundationModels('us-east-1', new URLSearchParams({ byProvider: 'Meta' })) as Summaries;
    expect(none.modelSummaries).toEqual([]);
    const onDemand = listFoundationModels(
      'us-east-1',
      new URLSearchParams({ byInferenceType: 'ON_DEMAND' }),
    ) as Summaries;
    expect(onDemand.modelSummaries).toEqual([]);
  });
});

describe('inference profiles', () => {
  it('offers us. and global. profiles in us-east-1, and eu. ones in eu-west-1', () => {
    const usIds = inferenceProfilesForRegion('us-east-1').map((profile) => profile.inferenceProfileId);
    expect(usIds).toContain('us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(usIds).toContain('global.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(usIds).not.toContain('global.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(usIds.every((id) => id.startsWith('us.') || id.startsWith('global.'))).toBe(true);
    const euIds = inferenceProfilesForRegion('eu-west-1').map((profile) => profile.inferenceProfileId);
    expect(euIds.every((id) => id.startsWith('eu.') || id.startsWith('global.'))).toBe(true);
  });

  it('offers each model only the geography profiles AWS publishes for it', () => {
    const usIds = inferenceProfilesForRegion('us-east-1').map((profile) => profile.inferenceProfileId);
    // Fable 5.1: global only. Fable 5.2: us. only. Opus 5.5 has no eu. profile.
    expect(usIds).toContain('global.anthropic.claude-fable-5-1');
    expect(usIds).not.toContain('us.anthropic.claude-fable-5-1');
    expect(usIds).toContain('us.anthropic.claude-fable-5-2');
    expect(usIds).not.toContain('global.anthropic.claude-fable-5-2');
    const euIds = inferenceProfilesForRegion('eu-west-1').map((profile) => profile.inferenceProfileId);
    expect(euIds).not.toContain('eu.anthropic.claude-opus-5-5');
    expect(euIds).toContain('global.anthropic.claude-opus-5-5');
    const tokyo = inferenceProfilesForRegion('ap-northeast-1').map((profile) => profile.inferenceProfileId);
    expect(tokyo).toContain('jp.anthropic.claude-opus-5-5');
  });

  it('describes each profile with its ARN and the models it routes to', () => {
    const [profile] = inferenceProfilesForRegion('us-east-1');
    expect(profile).toMatchObject({
      inferenceProfileName: 'US Anthropic Claude 3.5 Haiku',
      inferenceProfileArn:
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
    expect(profile?.models).toContainEqual({
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
    });
  });

  it('pages with maxResults and an opaque nextToken', () => {
    const all = inferenceProfilesForRegion('us-east-1').map((profile) => profile.inferenceProfileId);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const query = new URLSearchParams({ maxResults: '5', ...(nextToken ? { nextToken } : {}) });
      const page = listInferenceProfiles('us-east-1', query) as Profiles;
      seen.push(...page.inferenceProfileSummaries.map((profile) => profile.inferenceProfileId));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(all);
  });

  it('returns no APPLICATION profiles and validates maxResults', () => {
    expect(listInferenceProfiles('us-east-1', new URLSearchParams({ type: 'APPLICATION' }))).toEqual({
      inferenceProfileSummaries: [],
    });
    expect(() => listInferenceProfiles('us-east-1', new URLSearchParams({ maxResults: '0' }))).toThrow(
      /maxResults/,
    );
  });
});
