import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';

/** What bedrock-chat needs to know about a profile in ~/.aws/config (never its secrets). */
export interface AwsProfileInfo {
  name: string;
  region: string | undefined;
  kind: 'sso' | 'static-keys' | 'assume-role' | 'credential-process' | 'other';
}

export type AwsProfileReader = (name: string) => Promise<AwsProfileInfo | undefined>;

/** The shared AWS files, where the AWS CLI and SDKs look for them. */
export interface SharedAwsFiles {
  config: string;
  credentials: string;
}

/**
 * `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`
 * (the AWS SDKs' rule: docs.aws.amazon.com/sdkref/latest/guide/file-location.html).
 */
export function sharedAwsFiles(
  env: Readonly<Record<string, string | undefined>>,
  homedir: string = env.HOME || osHomedir(),
): SharedAwsFiles {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, '.aws', 'credentials'),
  };
}

/** Reads a profile from the shared config and credentials files named by `files`. */
export async function readAwsProfile(
  name: string,
  files?: SharedAwsFiles,
): Promise<AwsProfileInfo | undefined> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  let loaded: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    loaded = await loadSharedConfigFiles(
      files ? { configFilepath: files.config, filepath: files.credentials } : {},
    );
  } catch {
    return undefined;
  }
  const config = loaded.configFile[name];
  const credentials = loaded.credentialsFile[name];
  if (!config && !credentials) return undefined;
  const merged = { ...credentials, ...config };
  let kind: AwsProfileInfo['kind'] = 'other';
  if (merged.sso_session || merged.sso_start_url) kind = 'sso';
  else if (merged.role_arn) kind = 'assume-role';
  else if (merged.credential_process) kind = 'credential-process';
  else if (merged.aws_access_key_id) kind = 'static-keys';
  return { name, region: merged.region, kind };
}
