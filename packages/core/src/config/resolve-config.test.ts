import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsProfileReader } from './aws-profile.js';
import { resolveConfig, resolveConfigWithSecrets } from './resolve-config.js';

const noProfiles: AwsProfileReader = async () => undefined;
const profiles: AwsProfileReader = async (name) =>
  name === 'work'
    ? { name, region: 'eu-west-1', kind: 'sso' }
    : name === 'default'
      ? { name, region: 'us-west-2', kind: 'static-keys' }
      : undefined;

function dir(files: Record<string, string> = {}): string {
  const path = mkdtempSync(join(tmpdir(), 'bedrock-chat-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

const base = { dotenvDir: false as const, configFile: false as const, readAwsProfile: noProfiles };

describe('resolveConfig', () => {
  it('defaults to us-east-1, the sonnet alias and a 5-minute timeout', async () => {
    const config = await resolveConfig({ ...base, env: {} });
    expect(config.region).toEqual({ value: 'us-east-1', source: 'default' });
    expect(config.model).toEqual({ value: 'sonnet', source: 'default' });
    expect(config.timeoutMs.value).toBe(300_000);
    expect(config.maxAttempts.value).toBe(3);
    expect(config.credentials.kind).toBe('default-chain');
  });

  it('takes region from option > AWS_REGION > AWS_DEFAULT_REGION > profile > config file', async () => {
    const configDir = dir({ 'config.json': JSON.stringify({ region: 'ap-south-1', model: 'haiku' }) });
    const configFile = join(configDir, 'config.json');
    const env = { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1', AWS_PROFILE: 'work' };
    const common = { dotenvDir: false as const, configFile, readAwsProfile: profiles };
    expect((await resolveConfig({ ...common, env, region: 'eu-central-1' })).region).toMatchObject({
      value: 'eu-central-1',
      source: 'option',
    });
    expect((await resolveConfig({ ...common, env })).region).toMatchObject({
      value: 'us-east-2',
      source: 'env',
      detail: 'AWS_REGION',
    });
    const { AWS_REGION: _, ...withoutRegion } = env;
    expect((await resolveConfig({ ...common, env: withoutRegion })).region).toMatchObject({
      value: 'us-west-1',
      detail: 'AWS_DEFAULT_REGION',
    });
    expect((await resolveConfig({ ...common, env: { AWS_PROFILE: 'work' } })).region).toMatchObject({
      value: 'eu-west-1',
      source: 'aws-profile',
      detail: 'work',
    });
    const fromFile = await resolveConfig({ ...common, env: {}, readAwsProfile: noProfiles });
    expect(fromFile.region).toMatchObject({ value: 'ap-south-1', source: 'config-file', detail: configFile });
    expect(fromFile.model).toMatchObject({ value: 'haiku', source: 'config-file' });
  });

  it('takes the model from option > BEDROCK_CHAT_MODEL > config file', async () => {
    const env = { BEDROCK_CHAT_MODEL: 'opus' };
    expect((await resolveConfig({ ...base, env })).model).toMatchObject({ value: 'opus', source: 'env' });
    expect((await resolveConfig({ ...base, env, model: 'haiku' })).model).toMatchObject({
      value: 'haiku',
      source: 'option',
    });
  });

  it('reads .env without overriding variables already set', async () => {
    const cwd = dir({
      '.env': 'AWS_BEARER_TOKEN_BEDROCK=from-dotenv\nAWS_REGION=us-east-2\nBEDROCK_CHAT_MODEL="haiku"\n',
    });
    const { config, secrets } = await resolveConfigWithSecrets({
      ...base,
      dotenvDir: cwd,
      env: { AWS_REGION: 'eu-west-3' },
    });
    expect(config.region).toMatchObject({ value: 'eu-west-3', source: 'env' });
    expect(config.model).toMatchObject({ value: 'haiku', source: 'dotenv' });
    expect(config.credentials).toEqual({
      kind: 'api-key',
      source: 'dotenv',
      detail: 'AWS_BEARER_TOKEN_BEDROCK',
    });
    expect(secrets.apiKey).toBe('from-dotenv');
    expect(config.dotenvPath).toBe(join(cwd, '.env'));
    expect(JSON.stringify(config)).not.toContain('from-dotenv');
  });

  it('keeps AWS_ENDPOINT_URL_BEDROCK_RUNTIME working, below an explicit option', async () => {
    const env = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:4000',
      AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:4001',
    };
    const config = await resolveConfig({ ...base, env });
    expect(config.endpointUrl).toMatchObject({ value: 'http://127.0.0.1:4000', source: 'env' });
    expect(config.controlPlaneEndpointUrl?.value).toBe('http://127.0.0.1:4001');
    expect(
      (await resolveConfig({ ...base, env, endpointUrl: 'http://localhost:1' })).endpointUrl?.value,
    ).toBe('http://localhost:1');
  });

  it('describes which credentials will be used, without their values', async () => {
    const keys = await resolveConfigWithSecrets({
      ...base,
      env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 's' },
    });
    expect(keys.config.credentials.kind).toBe('env-keys');
    expect(keys.secrets.accessKeys?.accessKeyId).toBe('AKIAEXAMPLE');
    const sso = await resolveConfig({ ...base, env: { AWS_PROFILE: 'work' }, readAwsProfile: profiles });
    expect(sso.credentials).toEqual({
      kind: 'sso',
      source: 'env',
      detail: 'AWS_PROFILE',
      profile: 'work',
      profileFound: true,
    });
    const explicit = await resolveConfig({
      ...base,
      profile: 'work',
      env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B' },
      readAwsProfile: profiles,
    });
    expect(explicit.credentials.kind).toBe('sso');
    const apiKeyWins = await resolveConfig({
      ...base,
      env: { AWS_BEARER_TOKEN_BEDROCK: 'k', AWS_PROFILE: 'work' },
      readAwsProfile: profiles,
    });
    expect(apiKeyWins.credentials.kind).toBe('api-key');
  });

  it('reads timeouts and retries from the environment', async () => {
    const config = await resolveConfig({
      ...base,
      env: { BEDROCK_CHAT_TIMEOUT_MS: '1500', AWS_MAX_ATTEMPTS: '5', AWS_RETRY_MODE: 'adaptive' },
    });
    expect(config.timeoutMs).toMatchObject({ value: 1500, source: 'env' });
    expect(config.maxAttempts.value).toBe(5);
    expect(config.retryMode.value).toBe('adaptive');
  });

  it('takes surrounding whitespace in a count or retry mode variable, as the AWS SDK and CLI do', async () => {
    const config = await resolveConfig({
      ...base,
      env: {
        BEDROCK_CHAT_TIMEOUT_MS: ' 1500 ',
        AWS_MAX_ATTEMPTS: '5\r',
        AWS_RETRY_MODE: '\tadaptive\n',
      },
    });
    expect(config.timeoutMs.value).toBe(1500);
    expect(config.maxAttempts.value).toBe(5);
    expect(config.retryMode.value).toBe('adaptive');
  });

  it('rejects an invalid config file with its path and a way out', async () => {
    const configDir = dir({ 'config.json': JSON.stringify({ temperature: 3 }) });
    await expect(
      resolveConfig({ ...base, env: {}, configFile: join(configDir, 'config.json') }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('temperature'),
    });
    const broken = dir({ 'config.json': '{not json' });
    await expect(
      resolveConfig({ ...base, env: {}, configFile: join(broken, 'config.json') }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});

describe('credential precedence and safety', () => {
  it('an explicit --profile beats an API key from the environment or .env', async () => {
    const { config, secrets } = await resolveConfigWithSecrets({
      ...base,
      profile: 'work',
      readAwsProfile: profiles,
      env: { AWS_BEARER_TOKEN_BEDROCK: 'k' },
    });
    expect(config.credentials).toMatchObject({ kind: 'sso', source: 'option', profile: 'work' });
    expect(secrets.apiKey).toBeUndefined();
  });

  it('says when the named profile does not exist', async () => {
    const config = await resolveConfig({ ...base, env: { AWS_PROFILE: 'typo' } });
    expect(config.credentials).toEqual({
      kind: 'profile',
      source: 'env',
      detail: 'AWS_PROFILE',
      profile: 'typo',
      profileFound: false,
    });
  });

  it('never takes an endpoint from .env, so a file in the working directory cannot redirect the API key', async () => {
    const cwd = dir({
      '.env':
        'AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://evil.example\nAWS_ENDPOINT_URL=http://evil.example\nAWS_ENDPOINT_URL_BEDROCK=http://evil.example\n',
    });
    const config = await resolveConfig({ ...base, dotenvDir: cwd, env: { AWS_BEARER_TOKEN_BEDROCK: 'k' } });
    expect(config.endpointUrl).toBeUndefined();
    expect(config.controlPlaneEndpointUrl).toBeUndefined();
    // … and says so, once: the user who put an emulator's URL there learns why it is not used.
    expect(config.notices).toEqual([
      'endpoint: ignoring AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL in ./.env: an env file never sets endpoints (use the environment, a flag or the config file)',
    ]);
  });
});

describe('one validation for every source', () => {
  const rejects = (env: Record<string, string>, message: string, extra: object = {}) =>
    expect(resolveConfig({ ...base, env, ...extra })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      category: 'invalid-input',
      message,
    });

  it('rejects a bad value in the environment, naming the variable', async () => {
    await rejects({ AWS_REGION: 'mars' }, 'AWS_REGION must be an AWS region such as us-east-1 (got "mars").');
    await rejects(
      { BEDROCK_CHAT_TIMEOUT_MS: 'abc' },
      'BEDROCK_CHAT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (a day) (got "abc").',
    );
    // Past 2^31-1 ms Node's timer fires after 1 ms: every call would time out at once.
    await rejects(
      { BEDROCK_CHAT_TIMEOUT_MS: '2147483648' },
      'BEDROCK_CHAT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (a day) (got "2147483648").',
    );
    await rejects(
      { AWS_MAX_ATTEMPTS: 'zero' },
      'AWS_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "zero").',
    );
    await rejects({ AWS_RETRY_MODE: 'fast' }, 'AWS_RETRY_MODE must be standard or adaptive (got "fast").');
    // A control character in the value is shown escaped, not printed raw (an invisible CR).
    await rejects(
      { AWS_MAX_ATTEMPTS: '3\r0' },
      'AWS_MAX_ATTEMPTS must be a whole number from 1 to 10 (got "3\\r0").',
    );
    await rejects(
      { AWS_RETRY_MODE: 'fast\u001b' },
      'AWS_RETRY_MODE must be standard or adaptive (got "fast\\u001b").',
    );
    await rejects(
      { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'foo' },
      'AWS_ENDPOINT_URL_BEDROCK_RUNTIME must be an http(s) URL such as http://127.0.0.1:4000 (got "foo").',
    );
    await rejects(
      { AWS_ENDPOINT_URL_BEDROCK: 'ftp://x' },
      expect.stringContaining('AWS_ENDPOINT_URL_BEDROCK must be'),
    );
    await expect(resolveConfig({ ...base, env: { AWS_REGION: 'mars' } })).rejects.toMatchObject({
      hint: 'Fix or unset AWS_REGION.',
    });
  });

  it('refuses a blank model from any source, as chat options do (it would reach Bedrock empty)', async () => {
    await rejects(
      { BEDROCK_CHAT_MODEL: '   ' },
      'BEDROCK_CHAT_MODEL must be a model alias or id, such as sonnet (got "   ").',
    );
    await rejects({}, 'the model option must be a model alias or id, such as sonnet (got " ").', {
      model: ' ',
    });
  });

  it('refuses an empty library option instead of falling back to the default, with a hint', async () => {
    await rejects({}, 'the model option must be a model alias or id, such as sonnet (got "").', {
      model: '',
    });
    await rejects({}, 'the region option must be an AWS region such as us-east-1 (got "").', { region: '' });
    await expect(resolveConfig({ ...base, env: {}, model: '' })).rejects.toMatchObject({
      hint: 'Set model to a model alias or id, such as sonnet, or leave it out to use the environment, the config file or the default.',
    });
    // An empty variable is still unset, as a shell's `BEDROCK_CHAT_MODEL=` means.
    const config = await resolveConfig({ ...base, env: { BEDROCK_CHAT_MODEL: '', AWS_REGION: '' } });
    expect(config.model).toEqual({ value: 'sonnet', source: 'default' });
    expect(config.region).toEqual({ value: 'us-east-1', source: 'default' });
  });

  it('names the env file when the bad value is there', async () => {
    const cwd = dir({ '.env': 'AWS_REGION=mars\n' });
    await rejects({}, 'AWS_REGION in ./.env must be an AWS region such as us-east-1 (got "mars").', {
      dotenvDir: cwd,
    });
  });

  it('rejects a bad library option and a bad region in the AWS profile', async () => {
    await rejects({}, 'the region option must be an AWS region such as us-east-1 (got "mars-1").', {
      region: 'mars-1',
    });
    const marsProfile: AwsProfileReader = async (name) =>
      name === 'default' ? { name, region: 'mars', kind: 'static-keys' } : undefined;
    await rejects(
      {},
      'the region of AWS profile default must be an AWS region such as us-east-1 (got "mars").',
      {
        readAwsProfile: marsProfile,
      },
    );
  });

  it('accepts the regions of every partition, and checks only the value used', async () => {
    for (const region of ['eusc-de-east-1', 'us-isob-east-1', 'us-gov-west-1', 'cn-north-1']) {
      expect((await resolveConfig({ ...base, env: { AWS_REGION: region } })).region.value).toBe(region);
    }
    const flagWins = await resolveConfig({ ...base, env: { AWS_REGION: 'mars' }, region: 'eu-west-1' });
    expect(flagWins.region).toMatchObject({ value: 'eu-west-1', source: 'option' });
  });

  it('reads an explicit env file, which must exist', async () => {
    const folder = dir({ 'bedrock.env': 'AWS_BEARER_TOKEN_BEDROCK=from-file\n' });
    const { config, secrets } = await resolveConfigWithSecrets({
      ...base,
      envFile: join(folder, 'bedrock.env'),
      env: {},
    });
    expect(secrets.apiKey).toBe('from-file');
    expect(config.notices).toEqual([`credentials: Bedrock API key from ${join(folder, 'bedrock.env')}`]);
    await expect(
      resolveConfig({ ...base, envFile: join(folder, 'missing.env'), env: {} }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('missing.env') });
  });
});
