import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { type Emulator, startEmulator } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  builtInModelListing,
  type ControlPlaneSender,
  listModels,
  modelsMissingFromTable,
} from './list-models.js';

const base = { dotenvDir: false as const, configFile: false as const, readAwsProfile: async () => undefined };

describe('listModels', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => emulator.reset());

  const env = () => ({
    AWS_ENDPOINT_URL_BEDROCK: emulator.url,
    AWS_BEARER_TOKEN_BEDROCK: 'test-key',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
  });

  it('lists inference profiles and foundation models from the control plane', async () => {
    const listing = await listModels({ ...base, env: env() });
    expect(listing.source).toBe('bedrock');
    expect(listing.fallbackReason).toBeUndefined();
    const sonnet = listing.models.find((model) => model.modelId === 'us.anthropic.claude-sonnet-5-5');
    expect(sonnet).toMatchObject({ kind: 'inference-profile', invocable: true, status: 'ACTIVE' });
    expect(sonnet?.aliases).toEqual(expect.arrayContaining(['sonnet', 'sonnet-5.5']));
    expect(sonnet?.baseModelId).toBe('anthropic.claude-sonnet-5-5');
    const bare = listing.models.find(
      (model) => model.modelId === 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(bare).toMatchObject({ kind: 'foundation-model', invocable: false, provider: 'Anthropic' });
    expect(emulator.requests.map((request) => [request.operation, request.auth.scheme])).toEqual([
      ['ListFoundationModels', 'bearer'],
      ['ListInferenceProfiles', 'bearer'],
    ]);
  });

  it('falls back to the built-in table when listing is denied, saying why', async () => {
    emulator.fail({ kind: 'error', error: 'AccessDeniedException', operations: ['ListFoundationModels'] });
    const listing = await listModels({ ...base, env: env() });
    expect(listing.source).toBe('built-in');
    expect(listing.fallbackReason?.code).toBe('MODEL_ACCESS_DENIED');
    expect(listing.models.map((model) => model.modelId)).toContain(
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    );
  });

  it('falls back when the control plane cannot be reached', async () => {
    const listing = await listModels({
      ...base,
      env: { ...env(), AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:9' },
    });
    expect(listing.source).toBe('built-in');
    expect(listing.fallbackReason?.category).toBe('throttled');
  });

  it('falls back with a TIMEOUT reason when the control plane accepts and never answers', async () => {
    const silent = createNetServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const listing = await listModels({
        ...base,
        env: { ...env(), AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${port}` },
        timeoutMs: 300,
      });
      expect(listing.source).toBe('built-in');
      expect(listing.fallbackReason).toMatchObject({
        code: 'TIMEOUT',
        message: 'Bedrock did not list its models within 0.3 s.',
      });
      expect(listing.models.length).toBeGreaterThan(0);
    } finally {
      silent.close();
    }
  });

  it('throws when cancelled', async () => {
    await expect(listModels({ ...base, env: env(), signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});

describe('a served model the built-in table does not know', () => {
  // A control plane from after this release: one Claude model and one other model the table lacks.
  const newer: ControlPlaneSender = {
    send: (async (command: { constructor: { name: string } }) =>
      command.constructor.name === 'ListFoundationModelsCommand'
        ? {
            modelSummaries: [
              { modelId: 'anthropic.claude-opus-6', modelName: 'Claude Opus 6', providerName: 'Anthropic' },
              {
                modelId: 'anthropic.claude-opus-5-5',
                modelName: 'Claude Opus 5.5',
                providerName: 'Anthropic',
              },
              { modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', providerName: 'Amazon' },
            ],
          }
        : {
            inferenceProfileSummaries: [
              {
                inferenceProfileId: 'us.anthropic.claude-opus-6',
                inferenceProfileName: 'US Anthropic Claude Opus 6',
                status: 'ACTIVE',
                models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-6' }],
              },
            ],
          }) as unknown as ControlPlaneSender['send'],
  };

  it('is listed, marked as unknown to the table, with no price; the others are not marked', async () => {
    const listing = await listModels({ ...base, env: { AWS_REGION: 'us-east-1' }, bedrockClient: newer });
    expect(listing.source).toBe('bedrock');
    expect(listing.models.find((model) => model.modelId === 'us.anthropic.claude-opus-6')).toMatchObject({
      provider: 'Anthropic',
      baseModelId: 'anthropic.claude-opus-6',
      inBuiltInTable: false,
      pricePerMillion: undefined,
    });
    expect(listing.models.find((model) => model.modelId === 'anthropic.claude-opus-5-5')).toMatchObject({
      inBuiltInTable: true,
      pricePerMillion: { input: 4, output: 20 },
    });
    expect(modelsMissingFromTable(listing).map((model) => model.modelId)).toEqual([
      'us.anthropic.claude-opus-6',
      'anthropic.claude-opus-6',
    ]);
    expect(modelsMissingFromTable({ models: builtInModelListing('us-east-1') })).toEqual([]);
  });
});

describe('builtInModelListing', () => {
  it('gives the ids sent from the region, with their aliases', () => {
    const eu = builtInModelListing('eu-west-1');
    const haiku = eu.find((model) => model.modelId === 'eu.anthropic.claude-haiku-5-5');
    expect(haiku?.aliases).toEqual(expect.arrayContaining(['haiku', 'haiku-5.5']));
    const haiku45 = eu.find((model) => model.modelId === 'eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(haiku45?.aliases).toEqual(['haiku-4.5', 'claude-haiku-4-5', 'claude-haiku-4.5']);
    expect(eu.some((model) => model.modelId === 'global.anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(
      true,
    );
    // Claude 3.5 Haiku has only a us. profile: listed, but not callable from the EU.
    expect(eu.find((model) => model.name === 'Claude 3.5 Haiku')).toMatchObject({
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      invocable: false,
    });
  });

  it('lists the 4.6 and 4.7 models under their versioned aliases, with their prices', () => {
    const us = builtInModelListing('us-east-1');
    expect(us.find((model) => model.modelId === 'us.anthropic.claude-opus-4-7')).toMatchObject({
      name: 'Claude Opus 4.7',
      aliases: ['opus-4.7', 'claude-opus-4-7', 'claude-opus-4.7'],
      pricePerMillion: { input: 5, output: 25 },
    });
    expect(us.find((model) => model.modelId === 'us.anthropic.claude-sonnet-4-6')).toMatchObject({
      aliases: ['sonnet-4.6', 'claude-sonnet-4-6', 'claude-sonnet-4.6'],
      pricePerMillion: { input: 3, output: 15 },
    });
    expect(us.find((model) => model.modelId === 'us.anthropic.claude-opus-4-6-v1')?.aliases).toContain(
      'opus-4.6',
    );
  });
});
