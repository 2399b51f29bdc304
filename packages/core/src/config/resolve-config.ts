import { homedir as osHomedir } from 'node:os';
import { DEFAULT_MODEL_ALIAS } from '../models/model-catalog.js';
import { type AwsProfileReader, readAwsProfile } from './aws-profile.js';
import { type ConfigFile, readConfigFile } from './config-file.js';
import { resolveConfigFilePath } from './config-paths.js';
import { readDotEnv } from './dotenv.js';

export type ConfigSource = 'option' | 'env' | 'dotenv' | 'aws-profile' | 'config-file' | 'default';

/** A value and where it came from (`detail` names the variable, profile or file). */
export interface Sourced<T> {
  value: T;
  source: ConfigSource;
  detail?: string | undefined;
}

export type CredentialKind = 'api-key' | 'env-keys' | 'sso' | 'profile' | 'default-chain';

export interface CredentialsInfo {
  kind: CredentialKind;
  source: ConfigSource;
  /** The variable, file or profile the choice came from, never a secret. */
  detail?: string | undefined;
  /** The AWS profile used, for profile and SSO credentials. */
  profile?: string | undefined;
  /** False when that profile is in neither ~/.aws/config nor ~/.aws/credentials. */
  profileFound?: boolean | undefined;
}

export interface ConfigOptions {
  region?: string | undefined;
  model?: string | undefined;
  profile?: string | undefined;
  /** A Bedrock API key; overrides `AWS_BEARER_TOKEN_BEDROCK`. */
  apiKey?: string | undefined;
  endpointUrl?: string | undefined;
  timeoutMs?: number | undefined;
  maxAttempts?: number | undefined;
  retryMode?: 'standard' | 'adaptive' | undefined;
  /** The environment to read; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Where `.env` is looked for; defaults to `process.cwd()`. `false` skips `.env`. */
  dotenvDir?: string | false | undefined;
  /** The config file; defaults to the platform path. `false` skips it. */
  configFile?: string | false | undefined;
  /** Injected for tests. */
  readAwsProfile?: AwsProfileReader | undefined;
  homedir?: string | undefined;
}

/** Everything a Bedrock call needs, each value with its source. Holds no secret. */
export interface ResolvedConfig {
  region: Sourced<string>;
  model: Sourced<string>;
  profile: Sourced<string> | undefined;
  credentials: CredentialsInfo;
  endpointUrl: Sourced<string> | undefined;
  /** Control-plane endpoint (`AWS_ENDPOINT_URL_BEDROCK`), for model listing. */
  controlPlaneEndpointUrl: Sourced<string> | undefined;
  timeoutMs: Sourced<number>;
  maxAttempts: Sourced<number>;
  retryMode: Sourced<'standard' | 'adaptive'>;
  /** Chat defaults from the config file. */
  defaults: Pick<ConfigFile, 'system' | 'temperature' | 'maxTokens'>;
  dotenvPath: string | undefined;
  configFilePath: string | undefined;
}

/** Secrets resolved alongside the config, kept apart so a config can be printed safely. */
export interface ResolvedSecrets {
  apiKey: string | undefined;
  accessKeys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

type Candidate<T> = [T | undefined, ConfigSource, string?];

function firstOf<T>(...candidates: Candidate<T>[]): Sourced<T> | undefined {
  for (const [value, source, detail] of candidates) {
    if (value !== undefined && value !== '') return { value, source, detail };
  }
  return undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const parsed = Number(value);
  return parsed > 0 ? parsed : undefined;
}

export async function resolveConfigWithSecrets(
  options: ConfigOptions = {},
): Promise<{ config: ResolvedConfig; secrets: ResolvedSecrets }> {
  const processEnv = options.env ?? process.env;
  const dotenv =
    options.dotenvDir === false
      ? { path: undefined, values: {} }
      : readDotEnv(options.dotenvDir ?? process.cwd());
  // Variables already set win over `.env`.
  const fromEnv = (name: string): Candidate<string> => {
    const real = processEnv[name];
    if (real !== undefined && real !== '') return [real, 'env', name];
    return [dotenv.values[name], 'dotenv', name];
  };
  const configFilePath =
    options.configFile === false
      ? undefined
      : (options.configFile ??
        resolveConfigFilePath({ env: processEnv, homedir: options.homedir ?? osHomedir() }));
  const file: ConfigFile = configFilePath ? await readConfigFile(configFilePath) : {};

  const profile = firstOf<string>([options.profile, 'option'], fromEnv('AWS_PROFILE'), [
    file.profile,
    'config-file',
    configFilePath,
  ]);
  const profileInfo = await (options.readAwsProfile ?? readAwsProfile)(profile?.value ?? 'default');

  const region = firstOf<string>(
    [options.region, 'option'],
    fromEnv('AWS_REGION'),
    fromEnv('AWS_DEFAULT_REGION'),
    [profileInfo?.region, 'aws-profile', profileInfo?.name],
    [file.region, 'config-file', configFilePath],
  ) ?? { value: DEFAULT_REGION, source: 'default' };

  const model = firstOf<string>([options.model, 'option'], fromEnv('BEDROCK_CHAT_MODEL'), [
    file.model,
    'config-file',
    configFilePath,
  ]) ?? { value: DEFAULT_MODEL_ALIAS, source: 'default' };

  // Endpoints never come from `.env`: a file in whatever directory the user happens to be in must
  // not be able to send their prompts and API key to another server.
  const realEnv = (name: string): Candidate<string> => [processEnv[name], 'env', name];
  const endpointUrl = firstOf<string>(
    [options.endpointUrl, 'option'],
    realEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME'),
    realEnv('AWS_ENDPOINT_URL'),
    [file.endpointUrl, 'config-file', configFilePath],
  );
  const controlPlaneEndpointUrl = firstOf<string>(
    realEnv('AWS_ENDPOINT_URL_BEDROCK'),
    realEnv('AWS_ENDPOINT_URL'),
  );

  const timeoutMs = firstOf<number>(
    [options.timeoutMs, 'option'],
    [
      positiveInt(fromEnv('BEDROCK_CHAT_TIMEOUT_MS')[0]),
      fromEnv('BEDROCK_CHAT_TIMEOUT_MS')[1],
      'BEDROCK_CHAT_TIMEOUT_MS',
    ],
    [file.timeoutMs, 'config-file', configFilePath],
  ) ?? { value: DEFAULT_TIMEOUT_MS, source: 'default' };
  const maxAttempts = firstOf<number>(
    [options.maxAttempts, 'option'],
    [positiveInt(fromEnv('AWS_MAX_ATTEMPTS')[0]), fromEnv('AWS_MAX_ATTEMPTS')[1], 'AWS_MAX_ATTEMPTS'],
    [file.maxAttempts, 'config-file', configFilePath],
  ) ?? { value: DEFAULT_MAX_ATTEMPTS, source: 'default' };
  const retryModeEnv = fromEnv('AWS_RETRY_MODE');
  const retryMode = firstOf<'standard' | 'adaptive'>(
    [options.retryMode, 'option'],
    [
      retryModeEnv[0] === 'standard' || retryModeEnv[0] === 'adaptive' ? retryModeEnv[0] : undefined,
      retryModeEnv[1],
      'AWS_RETRY_MODE',
    ],
    [file.retryMode, 'config-file', configFilePath],
  ) ?? { value: 'standard', source: 'default' };

  const apiKeyFound = firstOf<string>([options.apiKey, 'option'], fromEnv('AWS_BEARER_TOKEN_BEDROCK'));
  // An explicit --profile (a flag) beats an API key or keys in the environment.
  const explicitProfile = options.profile !== undefined && profile !== undefined;
  const apiKey = explicitProfile && apiKeyFound?.source !== 'option' ? undefined : apiKeyFound;
  const accessKeyId = fromEnv('AWS_ACCESS_KEY_ID');
  const secretAccessKey = fromEnv('AWS_SECRET_ACCESS_KEY')[0];
  const profileCredentials = (named: Sourced<string>): CredentialsInfo => ({
    kind: profileInfo?.kind === 'sso' ? 'sso' : 'profile',
    source: named.source,
    detail: named.detail,
    profile: named.value,
    profileFound: profileInfo !== undefined,
  });
  let credentials: CredentialsInfo;
  let accessKeys: ResolvedSecrets['accessKeys'];
  if (apiKey) {
    credentials = { kind: 'api-key', source: apiKey.source, detail: apiKey.detail };
  } else if (explicitProfile && profile) {
    credentials = profileCredentials(profile);
  } else if (accessKeyId[0] && secretAccessKey) {
    credentials = { kind: 'env-keys', source: accessKeyId[1], detail: 'AWS_ACCESS_KEY_ID' };
    accessKeys = {
      accessKeyId: accessKeyId[0],
      secretAccessKey,
      sessionToken: fromEnv('AWS_SESSION_TOKEN')[0],
    };
  } else if (profile) {
    credentials = profileCredentials(profile);
  } else if (profileInfo) {
    credentials = {
      kind: profileInfo.kind === 'sso' ? 'sso' : 'profile',
      source: 'aws-profile',
      detail: 'default',
      profile: 'default',
      profileFound: true,
    };
  } else {
    credentials = { kind: 'default-chain', source: 'default' };
  }

  const config: ResolvedConfig = {
    region,
    model,
    profile,
    credentials,
    endpointUrl,
    controlPlaneEndpointUrl,
    timeoutMs,
    maxAttempts,
    retryMode,
    defaults: { system: file.system, temperature: file.temperature, maxTokens: file.maxTokens },
    dotenvPath: dotenv.path,
    configFilePath,
  };
  return { config, secrets: { apiKey: apiKey?.value, accessKeys } };
}

/** Resolves region, model, credentials source, endpoint, timeouts and retries, each with its source. */
export async function resolveConfig(options: ConfigOptions = {}): Promise<ResolvedConfig> {
  return (await resolveConfigWithSecrets(options)).config;
}
