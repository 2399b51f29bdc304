import type { AwsProfileInfo } from './aws-profile.js';
import type { ConfigSource, CredentialsInfo, ResolvedSecrets, Sourced } from './config-types.js';
import type { DotEnvResult } from './dotenv.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything that can name credentials, gathered by resolveConfig; no I/O happens here. */
export interface CredentialInputs {
  /** What the caller passed (CLI flags, library options). */
  option: { apiKey?: string | undefined; profile?: string | undefined };
  /** The process environment. */
  env: Env;
  /** The `.env` file (or the MCP server's `--env-file`). */
  dotenv: DotEnvResult;
  /** The config file's `profile`, with the file's path. */
  configFile: { profile?: string | undefined; path?: string | undefined };
  /** Profiles found in the shared AWS files, by name (`default` included when present). */
  profiles: ReadonlyMap<string, AwsProfileInfo>;
}

export interface CredentialChoice {
  credentials: CredentialsInfo;
  /** The AWS profile to sign with or take the region from, if any. */
  profile: Sourced<string> | undefined;
  secrets: ResolvedSecrets;
  /** What stderr should say once: credentials taken from, or ignored in, the env file. */
  notices: string[];
}

/** The variables of an env file that carry or name credentials. */
const CREDENTIAL_VARIABLES = [
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
] as const;

/**
 * Variables of the real environment through which the AWS SDK's default chain finds credentials
 * with no key in sight: a web identity token (EKS IRSA, GitHub Actions OIDC) and the container
 * credentials endpoint (ECS task roles, EKS Pod Identity). Their presence is a choice the
 * environment made, so it beats `.env` like a key would. The instance role (IMDS) cannot be seen
 * without a network call: on EC2 with nothing else set, a `.env` key is still used, and said so.
 * Names from the AWS SDKs and Tools reference guide, "Container credential provider" and
 * "Assume role with web identity".
 */
const CHAIN_VARIABLES = [
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
] as const;

/**
 * What a role variable of the real environment gives the SDK's chain to sign with, for messages:
 * `web identity role`, `container role`; undefined for any other variable.
 */
export function chainRoleName(variable: string | undefined): string | undefined {
  if (variable === 'AWS_WEB_IDENTITY_TOKEN_FILE') return 'web identity role';
  if (variable?.startsWith('AWS_CONTAINER_CREDENTIALS_')) return 'container role';
  return undefined;
}

const present = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/** One layer of variables (the environment, or the env file) as credentials it could provide. */
function layer(values: Env, source: ConfigSource) {
  const accessKeyId = present(values.AWS_ACCESS_KEY_ID);
  const secretAccessKey = present(values.AWS_SECRET_ACCESS_KEY);
  return {
    apiKey: present(values.AWS_BEARER_TOKEN_BEDROCK),
    // Both halves from the same layer: a key id here and a secret there is no credential.
    accessKeys:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken: present(values.AWS_SESSION_TOKEN) }
        : undefined,
    profile: present(values.AWS_PROFILE),
    source,
  };
}

function describe(credentials: CredentialsInfo): string {
  switch (credentials.kind) {
    case 'api-key':
      return 'Bedrock API key';
    case 'env-keys':
      return 'access keys';
    case 'sso':
    case 'profile':
      return `AWS profile ${credentials.profile ?? 'default'}`;
    case 'default-chain':
      return chainRoleName(credentials.detail) ?? 'AWS SDK default chain';
  }
}

function from(credentials: CredentialsInfo): string {
  switch (credentials.source) {
    case 'option':
      return credentials.kind === 'api-key' ? 'the apiKey option' : '--profile';
    case 'aws-profile':
      return 'the shared AWS files';
    case 'config-file':
      return 'the config file';
    default:
      return credentials.detail ?? credentials.source;
  }
}

/**
 * Which credentials sign the requests. Credentials the user chose win over anything in the env
 * file: an option (flag), the process environment (AWS_BEARER_TOKEN_BEDROCK, access keys,
 * AWS_PROFILE), the config file's `profile`, or a `[default]` profile in the shared AWS files.
 * Among those, an API key option beats a profile option, which beats the environment's API key,
 * then its access keys, then a named profile, then `[default]`. Only when none of them exists are
 * the env file's credentials used (its API key, then access keys, then AWS_PROFILE), and a notice
 * says so; when the env file's are ignored, a notice says that too. Pure.
 */
export function chooseCredentials(inputs: CredentialInputs): CredentialChoice {
  const { option, configFile, profiles, dotenv } = inputs;
  const env = layer(inputs.env, 'env');
  const file = layer(dotenv.values, 'dotenv');

  const profileCredentials = (named: Sourced<string>): CredentialsInfo => {
    const info = profiles.get(named.value);
    return {
      kind: info?.kind === 'sso' ? 'sso' : 'profile',
      source: named.source,
      detail: named.detail,
      profile: named.value,
      profileFound: info !== undefined,
    };
  };
  const userProfile: Sourced<string> | undefined = present(option.profile)
    ? { value: option.profile as string, source: 'option' }
    : env.profile
      ? { value: env.profile, source: 'env', detail: 'AWS_PROFILE' }
      : present(configFile.profile)
        ? { value: configFile.profile as string, source: 'config-file', detail: configFile.path }
        : undefined;
  const apiKeyOption = present(option.apiKey);

  type Chosen = Omit<CredentialChoice, 'notices'>;
  const signWithProfile = (named: Sourced<string>): Chosen => ({
    credentials: profileCredentials(named),
    profile: named,
    secrets: none(),
  });
  let chosen: Chosen | undefined;
  if (apiKeyOption) {
    chosen = {
      credentials: { kind: 'api-key', source: 'option' },
      profile: userProfile,
      secrets: { apiKey: apiKeyOption, accessKeys: undefined },
    };
  } else if (userProfile?.source === 'option') {
    chosen = signWithProfile(userProfile);
  } else {
    chosen = keysOf(env, userProfile) ?? (userProfile && signWithProfile(userProfile));
    if (!chosen && profiles.has('default')) {
      const named: Sourced<string> = { value: 'default', source: 'aws-profile', detail: 'default' };
      chosen = { ...signWithProfile(named), profile: undefined };
    }
    const chainVariable = CHAIN_VARIABLES.find((name) => present(inputs.env[name]));
    if (!chosen && chainVariable) {
      chosen = {
        credentials: { kind: 'default-chain', source: 'env', detail: chainVariable },
        profile: undefined,
        secrets: none(),
      };
    }
  }

  const fileVariables = CREDENTIAL_VARIABLES.filter((name) => present(dotenv.values[name]));
  if (chosen) {
    const notices =
      fileVariables.length > 0
        ? [
            `credentials: ignoring ${fileVariables.join(', ')} in ${dotenv.label}: using the ${describe(chosen.credentials)} from ${from(chosen.credentials)}`,
          ]
        : [];
    return { ...chosen, notices };
  }

  const fileProfile: Sourced<string> | undefined = file.profile
    ? { value: file.profile, source: 'dotenv', detail: 'AWS_PROFILE' }
    : undefined;
  const fromFile = keysOf(file, fileProfile) ?? (fileProfile && signWithProfile(fileProfile));
  if (fromFile) {
    return {
      ...fromFile,
      notices: [`credentials: ${describe(fromFile.credentials)} from ${dotenv.label}`],
    };
  }
  return {
    credentials: { kind: 'default-chain', source: 'default' },
    profile: undefined,
    secrets: none(),
    notices: [],
  };
}

/** The API key, else the access keys, of one layer of variables. */
function keysOf(
  variables: ReturnType<typeof layer>,
  profile: Sourced<string> | undefined,
): Omit<CredentialChoice, 'notices'> | undefined {
  const { source } = variables;
  if (variables.apiKey) {
    return {
      credentials: { kind: 'api-key', source, detail: 'AWS_BEARER_TOKEN_BEDROCK' },
      profile,
      secrets: { apiKey: variables.apiKey, accessKeys: undefined },
    };
  }
  if (variables.accessKeys) {
    return {
      credentials: { kind: 'env-keys', source, detail: 'AWS_ACCESS_KEY_ID' },
      profile,
      secrets: { apiKey: undefined, accessKeys: variables.accessKeys },
    };
  }
  return undefined;
}

function none(): ResolvedSecrets {
  return { apiKey: undefined, accessKeys: undefined };
}

/** The profile names whose entries in the shared AWS files `chooseCredentials` may look at. */
export function candidateProfileNames(inputs: Omit<CredentialInputs, 'profiles'>): string[] {
  const names = [
    inputs.option.profile,
    inputs.env.AWS_PROFILE,
    inputs.configFile.profile,
    'default',
    inputs.dotenv.values.AWS_PROFILE,
  ];
  return [...new Set(names.map(present).filter((name): name is string => name !== undefined))];
}
