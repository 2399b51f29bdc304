import { describe, expect, it } from 'vitest';
import type { AwsProfileInfo } from './aws-profile.js';
import { type CredentialInputs, candidateProfileNames, chooseCredentials } from './choose-credentials.js';
import type { DotEnvResult } from './dotenv.js';

const dev: AwsProfileInfo = { name: 'dev', region: 'eu-west-1', kind: 'static-keys' };
const defaultProfile: AwsProfileInfo = { name: 'default', region: undefined, kind: 'static-keys' };

function dotenv(values: Record<string, string>): DotEnvResult {
  return { path: '/work/project/.env', label: './.env', values };
}

function inputs(overrides: Partial<CredentialInputs> = {}): CredentialInputs {
  return {
    option: {},
    env: {},
    dotenv: dotenv({}),
    configFile: {},
    profiles: new Map([['dev', dev]]),
    ...overrides,
  };
}

const ATTACKER = dotenv({ AWS_BEARER_TOKEN_BEDROCK: 'attacker-key' });

/** What the user chose, one way each; every one of them must beat a key in .env. */
const USER_CHOICES: [string, Partial<CredentialInputs>, object, string][] = [
  [
    '--profile',
    { option: { profile: 'dev' } },
    { kind: 'profile', source: 'option', profile: 'dev' },
    '--profile',
  ],
  [
    'AWS_PROFILE',
    { env: { AWS_PROFILE: 'dev' } },
    { kind: 'profile', source: 'env', detail: 'AWS_PROFILE', profile: 'dev' },
    'AWS_PROFILE',
  ],
  [
    'access keys in the environment',
    { env: { AWS_ACCESS_KEY_ID: 'AKIAUSER', AWS_SECRET_ACCESS_KEY: 'user-secret' } },
    { kind: 'env-keys', source: 'env' },
    'AWS_ACCESS_KEY_ID',
  ],
  [
    'AWS_BEARER_TOKEN_BEDROCK',
    { env: { AWS_BEARER_TOKEN_BEDROCK: 'user-key' } },
    { kind: 'api-key', source: 'env', detail: 'AWS_BEARER_TOKEN_BEDROCK' },
    'AWS_BEARER_TOKEN_BEDROCK',
  ],
  [
    "the config file's profile",
    { configFile: { profile: 'dev', path: '/home/u/.config/bedrock-chat/config.json' } },
    { kind: 'profile', source: 'config-file', profile: 'dev' },
    'the config file',
  ],
  [
    'a [default] profile in the shared AWS files',
    { profiles: new Map([['default', defaultProfile]]) },
    { kind: 'profile', source: 'aws-profile', profile: 'default' },
    'the shared AWS files',
  ],
  [
    'a web identity token file in the environment (EKS IRSA, CI OIDC)',
    { env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' } },
    { kind: 'default-chain', source: 'env', detail: 'AWS_WEB_IDENTITY_TOKEN_FILE' },
    'AWS_WEB_IDENTITY_TOKEN_FILE',
  ],
  [
    'the container credentials endpoint (ECS task role, EKS Pod Identity)',
    { env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' } },
    { kind: 'default-chain', source: 'env', detail: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' },
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  ],
  [
    'a full container credentials URI',
    { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' } },
    { kind: 'default-chain', source: 'env', detail: 'AWS_CONTAINER_CREDENTIALS_FULL_URI' },
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ],
];

describe('chooseCredentials', () => {
  for (const [name, chosen, credentials, from] of USER_CHOICES) {
    it(`${name} beats a Bedrock API key in .env, and says the .env key was ignored`, () => {
      const choice = chooseCredentials(inputs({ ...chosen, dotenv: ATTACKER }));
      expect(choice.credentials).toMatchObject(credentials);
      expect(choice.secrets.apiKey).not.toBe('attacker-key');
      expect(choice.notices).toEqual([
        expect.stringMatching(
          new RegExp(
            `^credentials: ignoring AWS_BEARER_TOKEN_BEDROCK in \\./\\.env: using the .+ from ${from.replace(/[[\]]/g, '\\$&')}$`,
          ),
        ),
      ]);
    });

    it(`${name} alone says nothing`, () => {
      const choice = chooseCredentials(inputs(chosen));
      expect(choice.credentials).toMatchObject(credentials);
      expect(choice.notices).toEqual([]);
    });
  }

  it('names the role a web identity token or a container endpoint gives, not "the AWS SDK default chain"', () => {
    for (const [env, used] of [
      [
        { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' },
        'the web identity role from AWS_WEB_IDENTITY_TOKEN_FILE',
      ],
      [
        { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/c' },
        'the container role from AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      ],
      [
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1' },
        'the container role from AWS_CONTAINER_CREDENTIALS_FULL_URI',
      ],
    ] as const) {
      expect(chooseCredentials(inputs({ env, dotenv: ATTACKER })).notices).toEqual([
        `credentials: ignoring AWS_BEARER_TOKEN_BEDROCK in ./.env: using ${used}`,
      ]);
    }
  });

  it('uses the .env key only when the user chose nothing, and says so once', () => {
    const choice = chooseCredentials(inputs({ dotenv: ATTACKER }));
    expect(choice.credentials).toEqual({
      kind: 'api-key',
      source: 'dotenv',
      detail: 'AWS_BEARER_TOKEN_BEDROCK',
    });
    expect(choice.secrets.apiKey).toBe('attacker-key');
    expect(choice.notices).toEqual(['credentials: Bedrock API key from ./.env']);
  });

  it('takes access keys or a profile name from .env the same way', () => {
    const keys = chooseCredentials(
      inputs({ dotenv: dotenv({ AWS_ACCESS_KEY_ID: 'AKIAFILE', AWS_SECRET_ACCESS_KEY: 'file-secret' }) }),
    );
    expect(keys.credentials).toMatchObject({ kind: 'env-keys', source: 'dotenv' });
    expect(keys.secrets.accessKeys).toEqual({
      accessKeyId: 'AKIAFILE',
      secretAccessKey: 'file-secret',
      sessionToken: undefined,
    });
    expect(keys.notices).toEqual(['credentials: access keys from ./.env']);
    const profile = chooseCredentials(inputs({ dotenv: dotenv({ AWS_PROFILE: 'dev' }) }));
    expect(profile.credentials).toMatchObject({
      kind: 'profile',
      source: 'dotenv',
      profile: 'dev',
      profileFound: true,
    });
    expect(profile.profile).toEqual({ value: 'dev', source: 'dotenv', detail: 'AWS_PROFILE' });
    expect(profile.notices).toEqual(['credentials: AWS profile dev from ./.env']);
  });

  it('ignores every credential variable of .env, access keys and profile included, naming them', () => {
    const choice = chooseCredentials(
      inputs({
        env: { AWS_PROFILE: 'dev' },
        dotenv: dotenv({ AWS_ACCESS_KEY_ID: 'AKIAFILE', AWS_SECRET_ACCESS_KEY: 's', AWS_PROFILE: 'other' }),
      }),
    );
    expect(choice.profile?.value).toBe('dev');
    expect(choice.secrets.accessKeys).toBeUndefined();
    expect(choice.notices).toEqual([
      'credentials: ignoring AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE in ./.env: using the AWS profile dev from AWS_PROFILE',
    ]);
  });

  it('keeps the order inside the real environment: --profile > API key > access keys > AWS_PROFILE', () => {
    const env = {
      AWS_BEARER_TOKEN_BEDROCK: 'user-key',
      AWS_ACCESS_KEY_ID: 'AKIAUSER',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_PROFILE: 'dev',
    };
    expect(chooseCredentials(inputs({ env, option: { profile: 'dev' } })).credentials.source).toBe('option');
    expect(chooseCredentials(inputs({ env })).credentials.kind).toBe('api-key');
    const { AWS_BEARER_TOKEN_BEDROCK: _key, ...withoutKey } = env;
    expect(chooseCredentials(inputs({ env: withoutKey })).credentials.kind).toBe('env-keys');
    // The profile still gives the region when keys sign.
    expect(chooseCredentials(inputs({ env: withoutKey })).profile?.value).toBe('dev');
    const apiKeyOption = chooseCredentials(inputs({ env, option: { apiKey: 'option-key', profile: 'dev' } }));
    expect(apiKeyOption.secrets.apiKey).toBe('option-key');
  });

  it('never pairs a key id from one layer with a secret from the other', () => {
    const choice = chooseCredentials(
      inputs({
        env: { AWS_ACCESS_KEY_ID: 'AKIAUSER' },
        dotenv: dotenv({ AWS_SECRET_ACCESS_KEY: 'file-secret' }),
      }),
    );
    expect(choice.secrets.accessKeys).toBeUndefined();
    expect(choice.credentials.kind).toBe('default-chain');
  });

  it('names a profile the user chose even when it does not exist, and still ignores .env', () => {
    const choice = chooseCredentials(inputs({ option: { profile: 'nosuch' }, dotenv: ATTACKER }));
    expect(choice.credentials).toMatchObject({ kind: 'profile', profile: 'nosuch', profileFound: false });
    expect(choice.secrets.apiKey).toBeUndefined();
  });

  it('falls back to the SDK default chain, silently, when nothing names credentials', () => {
    expect(chooseCredentials(inputs())).toMatchObject({
      credentials: { kind: 'default-chain', source: 'default' },
      notices: [],
    });
  });

  it('lists the profile names worth looking up', () => {
    expect(
      candidateProfileNames({
        option: { profile: 'flag' },
        env: { AWS_PROFILE: 'env' },
        configFile: { profile: 'file' },
        dotenv: dotenv({ AWS_PROFILE: 'dotenv' }),
      }),
    ).toEqual(['flag', 'env', 'file', 'default', 'dotenv']);
  });
});
