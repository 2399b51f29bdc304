import { homedir as osHomedir } from 'node:os';
import { DEFAULT_MODEL_ALIAS } from '../models/model-catalog.js';
import { type AwsProfileInfo, type AwsProfileReader, readAwsProfile, sharedAwsFiles } from './aws-profile.js';
import { candidateProfileNames, chooseCredentials } from './choose-credentials.js';
import { type ConfigFile, readConfigFile } from './config-file.js';
import { resolveConfigFilePath } from './config-paths.js';
import type { ConfigSource, CredentialsInfo, ResolvedSecrets, Sourced } from './config-types.js';
import { type DotEnvResult, NO_DOTENV, readDotEnv, readEnvFile } from './dotenv.js';
import {
  checkSetting,
  parseSettingText,
  SETTING_EXPECTED,
  type SettingKey,
  type SettingValue,
} from './settings.js';

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
  /** An env file to read instead of `.env` (the MCP server's `--env-file`); it must exist. */
  envFile?: string | undefined;
  /** The config file; defaults to the platform path. `false` skips it. */
  configFile?: string | false | undefined;
  /** Injected for tests; by default the shared AWS files named by `env` are read. */
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
  defaults: Pick<ConfigFile, 'system' | 'temperature' | 'maxTokens' | 'latency' | 'maxSteps'> & {
    serviceTier?: ConfigFile['tier'];
  };
  /** The env file read (`.env` in the working directory, or the explicit one). */
  dotenvPath: string | undefined;
  configFilePath: string | undefined;
  /** The shared AWS config and credentials files that profiles were looked up in. */
  awsFiles: { config: string; credentials: string };
  /** What to tell the user once (stderr): credentials taken from, or ignored in, the env file; endpoints ignored in it. */
  notices: string[];
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

/** The endpoint variables, which are never read from an env file. */
const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  'AWS_ENDPOINT_URL_BEDROCK',
  'AWS_ENDPOINT_URL',
] as const;

const present = (value: string | undefined) => value !== undefined && value.trim() !== '';

/** A setting's raw value from one source, and how a message names that source. */
interface Candidate {
  value: unknown;
  source: ConfigSource;
  detail?: string | undefined;
  label: string;
  hint?: string | undefined;
}

/**
 * The first candidate that is set, checked by the setting's one rule. Only the value used is
 * checked: a flag that overrides a broken variable still works.
 */
function pick<Key extends SettingKey>(
  key: Key,
  ...candidates: (Candidate | undefined)[]
): Sourced<SettingValue<Key>> | undefined {
  for (const candidate of candidates) {
    if (candidate === undefined || candidate.value === undefined) continue;
    // An empty variable or file entry is unset, as shells treat it; an empty option passed in code
    // is a mistake to report (createChatClient({ model: '' }) used to fall back to the default).
    if (candidate.value === '' && candidate.source !== 'option') continue;
    const { source, detail, label, hint } = candidate;
    const value =
      typeof candidate.value === 'string' && (source === 'env' || source === 'dotenv')
        ? parseSettingText(key, candidate.value, { label, hint, fromEnvironment: true })
        : checkSetting(key, candidate.value, { label, hint });
    return { value, source, detail };
  }
  return undefined;
}

function readEnvironmentFile(options: ConfigOptions): DotEnvResult {
  if (options.envFile !== undefined) return readEnvFile(options.envFile);
  if (options.dotenvDir === false) return NO_DOTENV;
  return readDotEnv(options.dotenvDir ?? process.cwd());
}

export async function resolveConfigWithSecrets(
  options: ConfigOptions = {},
): Promise<{ config: ResolvedConfig; secrets: ResolvedSecrets }> {
  const processEnv = options.env ?? process.env;
  const homedir = options.homedir ?? osHomedir();
  const dotenv = readEnvironmentFile(options);
  const option = (key: SettingKey, value: unknown): Candidate => ({
    value,
    source: 'option',
    label: `the ${key} option`,
    hint: `Set ${key} to ${SETTING_EXPECTED[key]}, or leave it out to use the environment, the config file or the default.`,
  });
  // Variables already set win over the env file.
  const variable = (name: string): Candidate => {
    const real = processEnv[name];
    if (real !== undefined && real !== '') {
      return { value: real, source: 'env', detail: name, label: name, hint: `Fix or unset ${name}.` };
    }
    const where = `${name} in ${dotenv.label}`;
    return {
      value: dotenv.values[name],
      source: 'dotenv',
      detail: name,
      label: where,
      hint: `Fix or remove ${where}.`,
    };
  };
  // Endpoints never come from the env file: a file in whatever directory the user happens to be
  // in must not be able to send their prompts and API key to another server.
  const realVariable = (name: string): Candidate => ({
    value: processEnv[name],
    source: 'env',
    detail: name,
    label: name,
    hint: `Fix or unset ${name}.`,
  });
  const configFilePath =
    options.configFile === false
      ? undefined
      : (options.configFile ?? resolveConfigFilePath({ env: processEnv, homedir }));
  const file: ConfigFile = configFilePath ? await readConfigFile(configFilePath) : {};
  const inFile = (key: keyof ConfigFile): Candidate => ({
    value: file[key],
    source: 'config-file',
    detail: configFilePath,
    label: `${key} in ${configFilePath}`,
  });

  const awsFiles = sharedAwsFiles(processEnv, options.homedir ?? (processEnv.HOME || homedir));
  const reader = options.readAwsProfile ?? ((name: string) => readAwsProfile(name, awsFiles));
  const credentialInputs = {
    option: { apiKey: options.apiKey, profile: options.profile },
    env: processEnv,
    dotenv,
    configFile: { profile: file.profile, path: configFilePath },
  };
  const names = candidateProfileNames(credentialInputs);
  const found = await Promise.all(names.map((name) => reader(name)));
  const profiles = new Map(
    found.filter((info): info is AwsProfileInfo => info !== undefined).map((info) => [info.name, info]),
  );
  const choice = chooseCredentials({ ...credentialInputs, profiles });
  const profileInfo = profiles.get(choice.profile?.value ?? 'default');

  const region = pick(
    'region',
    option('region', options.region),
    variable('AWS_REGION'),
    variable('AWS_DEFAULT_REGION'),
    profileInfo && {
      value: profileInfo.region,
      source: 'aws-profile',
      detail: profileInfo.name,
      label: `the region of AWS profile ${profileInfo.name}`,
      hint: `Fix the region of [${profileInfo.name === 'default' ? 'default' : `profile ${profileInfo.name}`}] in ${awsFiles.config}.`,
    },
    inFile('region'),
  ) ?? { value: DEFAULT_REGION, source: 'default' };
  const model = pick(
    'model',
    option('model', options.model),
    variable('BEDROCK_CHAT_MODEL'),
    inFile('model'),
  ) ?? {
    value: DEFAULT_MODEL_ALIAS,
    source: 'default',
  };
  const endpointUrl = pick(
    'endpointUrl',
    option('endpointUrl', options.endpointUrl),
    realVariable('AWS_ENDPOINT_URL_BEDROCK_RUNTIME'),
    realVariable('AWS_ENDPOINT_URL'),
    inFile('endpointUrl'),
  );
  const controlPlaneEndpointUrl = pick(
    'endpointUrl',
    realVariable('AWS_ENDPOINT_URL_BEDROCK'),
    realVariable('AWS_ENDPOINT_URL'),
  );
  const timeoutMs = pick(
    'timeoutMs',
    option('timeoutMs', options.timeoutMs),
    variable('BEDROCK_CHAT_TIMEOUT_MS'),
    inFile('timeoutMs'),
  ) ?? { value: DEFAULT_TIMEOUT_MS, source: 'default' };
  const maxAttempts = pick(
    'maxAttempts',
    option('maxAttempts', options.maxAttempts),
    variable('AWS_MAX_ATTEMPTS'),
    inFile('maxAttempts'),
  ) ?? { value: DEFAULT_MAX_ATTEMPTS, source: 'default' };
  const retryMode = pick(
    'retryMode',
    option('retryMode', options.retryMode),
    variable('AWS_RETRY_MODE'),
    inFile('retryMode'),
  ) ?? { value: 'standard' as const, source: 'default' };

  // Said once, like ignored credentials: a user who put the emulator's URL in .env would otherwise
  // reach the real endpoint with no word of why.
  const ignoredEndpoints = ENDPOINT_VARIABLES.filter((name) => present(dotenv.values[name]));
  const endpointNotices =
    ignoredEndpoints.length > 0
      ? [
          `endpoint: ignoring ${ignoredEndpoints.join(', ')} in ${dotenv.label}: an env file never sets endpoints (use the environment, a flag or the config file)`,
        ]
      : [];

  const config: ResolvedConfig = {
    region,
    model,
    profile: choice.profile,
    credentials: choice.credentials,
    endpointUrl,
    controlPlaneEndpointUrl,
    timeoutMs,
    maxAttempts,
    retryMode,
    defaults: {
      system: file.system,
      temperature: file.temperature,
      maxTokens: file.maxTokens,
      ...(file.tier === undefined ? {} : { serviceTier: file.tier }),
      ...(file.latency === undefined ? {} : { latency: file.latency }),
      ...(file.maxSteps === undefined ? {} : { maxSteps: file.maxSteps }),
    },
    dotenvPath: dotenv.path,
    configFilePath,
    awsFiles,
    notices: [...choice.notices, ...endpointNotices],
  };
  return { config, secrets: choice.secrets };
}

/** Resolves region, model, credentials source, endpoint, timeouts and retries, each with its source. */
export async function resolveConfig(options: ConfigOptions = {}): Promise<ResolvedConfig> {
  return (await resolveConfigWithSecrets(options)).config;
}
