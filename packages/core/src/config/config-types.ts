/** Where a setting came from. `dotenv` is the `.env` file (or an explicit env file). */
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

/** Secrets resolved alongside the config, kept apart so a config can be printed safely. */
export interface ResolvedSecrets {
  apiKey: string | undefined;
  accessKeys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
}
