/** What bedrock-chat needs to know about a profile in ~/.aws/config (never its secrets). */
export interface AwsProfileInfo {
  name: string;
  region: string | undefined;
  kind: 'sso' | 'static-keys' | 'assume-role' | 'credential-process' | 'other';
}

export type AwsProfileReader = (name: string) => Promise<AwsProfileInfo | undefined>;

/** Reads a profile from the shared config and credentials files (honours AWS_CONFIG_FILE etc.). */
export const readAwsProfile: AwsProfileReader = async (name) => {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  let files: Awaited<ReturnType<typeof loadSharedConfigFiles>>;
  try {
    files = await loadSharedConfigFiles();
  } catch {
    return undefined;
  }
  const config = files.configFile[name];
  const credentials = files.credentialsFile[name];
  if (!config && !credentials) return undefined;
  const merged = { ...credentials, ...config };
  let kind: AwsProfileInfo['kind'] = 'other';
  if (merged.sso_session || merged.sso_start_url) kind = 'sso';
  else if (merged.role_arn) kind = 'assume-role';
  else if (merged.credential_process) kind = 'credential-process';
  else if (merged.aws_access_key_id) kind = 'static-keys';
  return { name, region: merged.region, kind };
};
