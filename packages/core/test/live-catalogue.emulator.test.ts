import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeModel } from '@bedrock-chat/bedrock-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATALOGUE_CACHE_MAX_AGE_MS, catalogueCachePath } from '../src/models/catalogue-cache.js';
import { listModels } from '../src/models/list-models.js';
import { withEmulator } from './emulator-env.js';

// A Bedrock from after this release: it serves a Claude model the built-in table does not know.
const SONNET_6 = claudeModel('anthropic.claude-sonnet-6', 'Claude Sonnet 6', 128_000, {
  profilePrefixes: ['us', 'global'],
});

let env: Awaited<ReturnType<typeof withEmulator>>;
let directory: string;
let now: Date;
beforeAll(async () => {
  env = await withEmulator({ additionalModels: [SONNET_6] });
});
afterAll(async () => env.close());
beforeEach(() => {
  env.emulator.reset();
  directory = mkdtempSync(join(tmpdir(), 'live-catalogue-'));
  now = new Date('2026-12-01T12:00:00.000Z');
  return () => rmSync(directory, { recursive: true, force: true });
});

const cache = () => ({ directory, now: () => now });
const refresh = () =>
  listModels({
    env: {
      AWS_ENDPOINT_URL_BEDROCK: env.emulator.url,
      AWS_BEARER_TOKEN_BEDROCK: 'test-key',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
    },
    dotenvDir: false,
    configFile: false,
    readAwsProfile: async () => undefined,
    catalogueCache: cache(),
  });

describe('the live catalogue', () => {
  it('lets a served model the table does not know reach its profile, with its cost unknown', async () => {
    const listing = await refresh();
    expect(listing.source).toBe('bedrock');
    expect(listing.cacheError).toBeUndefined();
    env.emulator.clearRequests();

    const client = env.client({ catalogueCache: cache() });
    const resolved = await client.resolveModel('anthropic.claude-sonnet-6');
    expect(resolved).toMatchObject({
      modelId: 'us.anthropic.claude-sonnet-6',
      served: true,
      info: undefined,
    });
    const result = await client.complete('hello', { model: 'anthropic.claude-sonnet-6', maxTokens: 100 });
    expect(result.text).toBe('Echo: hello');
    expect(result.modelId).toBe('us.anthropic.claude-sonnet-6');
    expect(result.costUsd).toBeUndefined();
    // The chat client read the cache; it never asked the control plane.
    expect(env.emulator.requests.map((request) => request.operation)).toEqual(['Converse']);
  });

  it('falls back to the built-in table when the list is stale, corrupt or absent', async () => {
    await refresh();
    const tableOnly = await env.client().resolveModel('anthropic.claude-sonnet-6');
    expect(tableOnly).toMatchObject({ modelId: 'anthropic.claude-sonnet-6', kind: 'unknown' });
    expect(tableOnly.served).toBeUndefined();

    now = new Date(now.getTime() + CATALOGUE_CACHE_MAX_AGE_MS + 1);
    const stale = await env.client({ catalogueCache: cache() }).resolveModel('anthropic.claude-sonnet-6');
    expect(stale.served).toBeUndefined();

    writeFileSync(catalogueCachePath(directory, 'us-east-1'), '{"version":1,');
    const corrupt = await env.client({ catalogueCache: cache() }).resolveModel('sonnet');
    expect(corrupt.modelId).toBe('us.anthropic.claude-sonnet-5-5');
    expect(corrupt.served).toBeUndefined();
  });

  it('does not write the cache when Bedrock cannot be asked', async () => {
    env.emulator.fail({
      kind: 'error',
      error: 'AccessDeniedException',
      operations: ['ListFoundationModels'],
    });
    const listing = await refresh();
    expect(listing.source).toBe('built-in');
    const resolved = await env.client({ catalogueCache: cache() }).resolveModel('sonnet');
    expect(resolved.served).toBeUndefined();
  });
});
