import { describe, expect, it } from 'vitest';
import { isSecretName } from './secret-name.js';

describe('isSecretName', () => {
  it.each([
    'SECRET_KEY_BASE',
    'DB_PASSWORD_PROD',
    'GITHUB_TOKEN_RO',
    'GITHUB_TOKEN',
    'TOKEN_SECRET_VALUE',
    'OPENAI_API_KEY_V2',
    'PASSWORD1',
    'api_key_2',
    'privateKey',
    'private_key',
    'PGPASSWORD',
    'x-api-key',
    '--api-key',
    'sessionToken',
    'secretAccessKey',
    'APIKey',
    'apikey',
    'X-Amz-Security-Token',
    'X-Amz-Signature',
    'credentials',
    'passwords',
    'client.secret',
    'auth',
    'HTTP_AUTH',
    'pwd',
    'DB_PWD',
  ])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'max-tokens',
    '--max-tokens',
    'maxTokens',
    'max_tokens',
    'inputTokens',
    'tokens',
    'tokenizer',
    'keyboard',
    'monkey',
    'key',
    'passwordless',
    'author',
    'secretary',
    'AWS_SECRET_FILE',
    '--secret-file',
    'token_path',
    'model',
  ])('%s is not secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});
