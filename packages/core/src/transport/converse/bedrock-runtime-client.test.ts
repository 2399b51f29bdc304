import { describe, expect, it } from 'vitest';
import { resolveConfigWithSecrets } from '../../config/resolve-config.js';
import { bedrockClientConfig } from './bedrock-runtime-client.js';

const base = { dotenvDir: false as const, configFile: false as const, readAwsProfile: async () => undefined };

describe('bedrockClientConfig', () => {
  it('uses bearer auth with an API key and passes endpoint, retries and timeout', async () => {
    const { config, secrets } = await resolveConfigWithSecrets({
      ...base,
      env: {
        AWS_BEARER_TOKEN_BEDROCK: 'k',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:1',
        AWS_MAX_ATTEMPTS: '2',
      },
    });
    expect(bedrockClientConfig(config, secrets)).toEqual({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      maxAttempts: 2,
      retryMode: 'standard',
      // The call's deadline (300 s) fires first; the stream's idle timeout is a backstop 1 s later.
      requestHandler: { requestTimeout: 301_000, disableConcurrentStreams: false },
      token: { token: 'k' },
      authSchemePreference: ['httpBearerAuth'],
    });
  });

  it('signs with SigV4 when no API key is set, even if AWS_BEARER_TOKEN_BEDROCK is empty', async () => {
    const { config, secrets } = await resolveConfigWithSecrets({
      ...base,
      env: { AWS_BEARER_TOKEN_BEDROCK: '', AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's' },
    });
    const options = bedrockClientConfig(config, secrets);
    expect(options.authSchemePreference).toEqual(['sigv4']);
    expect(options.credentials).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 's',
      sessionToken: undefined,
    });
    expect(options.token).toBeUndefined();
  });

  it('passes a named profile to the SDK', async () => {
    const { config, secrets } = await resolveConfigWithSecrets({ ...base, env: {}, profile: 'dev' });
    expect(bedrockClientConfig(config, secrets)).toMatchObject({
      profile: 'dev',
      authSchemePreference: ['sigv4'],
    });
  });
});
