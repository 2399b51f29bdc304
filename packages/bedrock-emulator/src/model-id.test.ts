import { describe, expect, it } from 'vitest';
import { EmulatorError } from './bedrock-errors.js';
import { requireModel, resolveModelId } from './model-id.js';

const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';

describe('resolveModelId', () => {
  it('resolves bare ids as foundation models', () => {
    expect(resolveModelId(HAIKU_45)).toMatchObject({
      kind: 'foundation-model',
      model: { modelId: HAIKU_45 },
    });
  });

  it.each(['us', 'eu', 'apac', 'jp', 'au', 'global'])('resolves the %s. profile prefix', (prefix) => {
    expect(resolveModelId(`${prefix}.${HAIKU_45}`)).toMatchObject({
      kind: 'inference-profile',
      profilePrefix: prefix,
      model: { modelId: HAIKU_45 },
    });
  });

  it('knows only the geography profiles AWS publishes for each model', () => {
    expect(resolveModelId(`us-gov.${HAIKU_45}`)).toBeUndefined();
    // Fable 5.1 is global-only; Fable 5.2 has no global profile yet.
    expect(resolveModelId('us.anthropic.claude-fable-5-1')).toBeUndefined();
    expect(resolveModelId('global.anthropic.claude-fable-5-1')).toMatchObject({ profilePrefix: 'global' });
    expect(resolveModelId('global.anthropic.claude-fable-5-2')).toBeUndefined();
    expect(resolveModelId('us.anthropic.claude-fable-5-2')).toMatchObject({ profilePrefix: 'us' });
  });

  it('knows which models have no global profile', () => {
    expect(resolveModelId('global.anthropic.claude-3-5-haiku-20241022-v1:0')).toBeUndefined();
    expect(resolveModelId('global.anthropic.claude-haiku-5-5')).toBeUndefined();
    expect(resolveModelId('global.anthropic.claude-opus-5-5')).toMatchObject({
      model: { modelName: 'Claude Opus 5.5' },
    });
    expect(resolveModelId('us.anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({
      kind: 'inference-profile',
    });
  });

  it('resolves inference-profile, foundation-model and application-inference-profile ARNs', () => {
    expect(
      resolveModelId(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU_45}`),
    ).toMatchObject({
      kind: 'inference-profile',
      profilePrefix: 'us',
      arnRegion: 'us-east-1',
    });
    expect(resolveModelId(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU_45}`)).toMatchObject({
      kind: 'foundation-model',
      arnRegion: 'us-west-2',
    });
    expect(
      resolveModelId('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5'),
    ).toMatchObject({ kind: 'application-inference-profile', model: { modelId: HAIKU_45 } });
  });

  it.each([
    'anthropic.claude-unknown-v1:0',
    `xx.${HAIKU_45}`,
    `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU_45}`,
    `arn:aws:bedrock:us-east-1:123456789012:foundation-model/${HAIKU_45}`,
    `arn:aws:s3:us-east-1::foundation-model/${HAIKU_45}`,
    '',
  ])('rejects %j', (modelId) => {
    expect(resolveModelId(modelId)).toBeUndefined();
  });
});

describe('requireModel', () => {
  const inference = { forInference: true, region: 'us-east-1' } as const;
  function errorOf(run: () => unknown): EmulatorError {
    try {
      run();
    } catch (error) {
      if (error instanceof EmulatorError) return error;
    }
    throw new Error('expected an EmulatorError');
  }

  it('answers unknown ids the way Bedrock does', () => {
    const error = errorOf(() => requireModel('nope', inference));
    expect(error.errorName).toBe('ValidationException');
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it('refuses on-demand invocation of profile-only models, by bare id or foundation-model ARN', () => {
    const expected =
      `Invocation of model ID ${HAIKU_45} with on-demand throughput isn't supported. ` +
      'Retry your request with the ID or ARN of an inference profile that contains this model.';
    expect(errorOf(() => requireModel(HAIKU_45, inference)).message).toBe(expected);
    expect(
      errorOf(() => requireModel(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_45}`, inference))
        .message,
    ).toBe(expected);
  });

  it('lets CountTokens use bare ids, since it runs no inference', () => {
    expect(requireModel(HAIKU_45, { forInference: false, region: 'us-east-1' }).maxOutputTokens).toBe(64_000);
  });

  it.each([
    ['eu.', 'us-east-1'],
    ['us.', 'eu-west-1'],
    ['apac.', 'us-west-2'],
    ['jp.', 'ap-south-1'],
  ])('refuses a %s profile from %s as an invalid id (that region does not list it)', (prefix, region) => {
    const error = errorOf(() => requireModel(`${prefix}${HAIKU_45}`, { forInference: true, region }));
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it.each([
    ['us.', 'us-east-1'],
    ['global.', 'eu-west-1'],
    ['eu.', 'eu-central-1'],
    ['jp.', 'ap-northeast-1'],
    ['apac.', 'ap-northeast-1'],
    ['au.', 'ap-southeast-2'],
  ])('accepts a %s profile from %s', (prefix, region) => {
    expect(requireModel(`${prefix}${HAIKU_45}`, { forInference: true, region }).modelId).toBe(HAIKU_45);
  });
});
