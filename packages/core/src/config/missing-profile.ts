import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { CredentialsInfo } from './config-types.js';
import type { ResolvedConfig } from './resolve-config.js';

function namedBy(credentials: CredentialsInfo): string {
  switch (credentials.source) {
    case 'option':
      return '--profile';
    case 'env':
      return 'AWS_PROFILE';
    case 'dotenv':
      return 'AWS_PROFILE in the env file';
    case 'config-file':
      return `the config file ${credentials.detail ?? ''}`.trim();
    default:
      return 'the default';
  }
}

/**
 * The real cause when the profile that should sign is in neither shared AWS file: the SDK would
 * only say "Could not load credentials from any providers". Undefined when the profile exists or
 * no profile signs.
 */
export function missingProfileError(config: ResolvedConfig): BedrockChatError | undefined {
  const { credentials, awsFiles } = config;
  if (credentials.profileFound !== false || credentials.profile === undefined) return undefined;
  const name = credentials.profile;
  return new BedrockChatError({
    code: 'CREDENTIALS_MISSING',
    message: `AWS profile ${name} (from ${namedBy(credentials)}) is not in ${awsFiles.config} or ${awsFiles.credentials}.`,
    hint: `Check the name, or create the profile with \`aws configure --profile ${name}\` or \`aws configure sso --profile ${name}\`.`,
    details: { profile: name, configFile: awsFiles.config, credentialsFile: awsFiles.credentials },
  });
}
