import {
  type BedrockClient,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './emulator.js';
import { claudeModel } from './model-catalogue.js';
import { controlPlaneClient, type TestClientOptions } from './sdk-test-clients.js';

let emulator: Emulator;
const clients: BedrockClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
});

function client(options: TestClientOptions = {}): BedrockClient {
  const created = controlPlaneClient(emulator, options);
  clients.push(created);
  return created;
}

describe('control plane through @aws-sdk/client-bedrock', () => {
  it('lists foundation models with the catalogue fields', async () => {
    const output = await client().send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }));
    expect(output.modelSummaries?.map((summary) => summary.modelId)).toContain(
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(output.modelSummaries?.[0]).toEqual({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      modelName: 'Claude 3.5 Haiku',
      providerName: 'Anthropic',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    expect(emulator.requests.at(-1)).toMatchObject({
      operation: 'ListFoundationModels',
      method: 'GET',
      status: 200,
    });
  });

  it('lists the us. and global. inference profiles for us-east-1, with bearer auth too', async () => {
    const output = await client({ auth: 'bearer' }).send(new ListInferenceProfilesCommand({}));
    const ids = output.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId ?? '') ?? [];
    expect(ids).toContain('us.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(ids).toContain('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(ids.every((id) => id.startsWith('us.') || id.startsWith('global.'))).toBe(true);
    expect(output.inferenceProfileSummaries?.[0]).toMatchObject({
      inferenceProfileName: 'US Anthropic Claude 3.5 Haiku',
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
    expect(output.nextToken).toBeUndefined();
  });

  it('pages through profiles with the SDK paginator', async () => {
    const all = await client().send(new ListInferenceProfilesCommand({}));
    const paged: string[] = [];
    for await (const page of paginateListInferenceProfiles({ client: client(), pageSize: 4 }, {})) {
      paged.push(
        ...(page.inferenceProfileSummaries ?? []).map((profile) => profile.inferenceProfileId ?? ''),
      );
    }
    expect(paged).toEqual(all.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId));
    expect(
      emulator.requests.filter((request) => request.path === '/inference-profiles').length,
    ).toBeGreaterThan(3);
  });

  it('serves additional models, such as one newer than a client release', async () => {
    const newer = claudeModel('anthropic.claude-sonnet-6', 'Claude Sonnet 6', 128_000, {
      profilePrefixes: ['us', 'global'],
    });
    const served = await startEmulator({ additionalModels: [newer] });
    const servedClient = controlPlaneClient(served);
    try {
      const models = await servedClient.send(new ListFoundationModelsCommand({}));
      expect(models.modelSummaries?.map((model) => model.modelId)).toContain('anthropic.claude-sonnet-6');
      const profiles = await servedClient.send(new ListInferenceProfilesCommand({}));
      const ids = profiles.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId);
      expect(ids).toEqual(
        expect.arrayContaining(['us.anthropic.claude-sonnet-6', 'global.anthropic.claude-sonnet-6']),
      );
    } finally {
      servedClient.destroy();
      await served.close();
    }
  });

  it('serves eu. profiles when started for eu-west-1', async () => {
    const eu = await startEmulator({ region: 'eu-west-1' });
    const euClient = controlPlaneClient(eu);
    try {
      const output = await euClient.send(new ListInferenceProfilesCommand({}));
      const ids = output.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId ?? '') ?? [];
      expect(ids).toContain('eu.anthropic.claude-haiku-4-5-20251001-v1:0');
      expect(ids.some((id) => id.startsWith('us.'))).toBe(false);
    } finally {
      euClient.destroy();
      await eu.close();
    }
  });
});
