import { describe, expect, it } from 'vitest';
import { redactSecrets, secretFlagValues } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes API keys, bearer tokens, access key ids and secret-named values', () => {
    const text =
      'key ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ= auth Bearer abcdefghijk12345 id AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG';
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain('ABSKQmVk');
    expect(redacted).not.toContain('abcdefghijk12345');
    expect(redacted).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(redacted).not.toContain('wJalrXUtnFEMI');
    expect(redacted).toContain('[redacted api key]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('The provided model identifier is invalid.')).toBe(
      'The provided model identifier is invalid.',
    );
  });

  it.each([
    'Bedrock rejected the credentials: Credential should be scoped to a valid region.',
    "Bedrock rejected the credentials: Credential should be scoped to correct service: 'bedrock'.",
    'Bedrock rejected the credentials: Authentication failed: Please make sure your API Key is valid.',
    'Your AWS credentials have expired: The security token included in the request is expired',
    'Bedrock rejected the credentials: The security token included in the request is invalid.',
    'Check your AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK).',
    'password: required',
  ])('keeps every word of a real message: %s', (message) => {
    expect(redactSecrets(message)).toBe(message);
  });

  it('removes the values of SigV4 and session parameters, keeping their names', () => {
    const url =
      'https://bedrock.example/x?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20250101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr&X-Amz-Signature=0123456789abcdef0123';
    expect(redactSecrets(url)).toBe(
      'https://bedrock.example/x?X-Amz-Credential=[redacted]&X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]',
    );
    expect(redactSecrets('{"sessionToken":"IQoJb3JpZ2luX2VjEJr","password": "hunter2"}')).toBe(
      '{"sessionToken":"[redacted]","password": "[redacted]"}',
    );
    expect(redactSecrets('token: IQoJb3JpZ2luX2VjEJr/+ end')).toBe('token: [redacted] end');
    expect(redactSecrets('api key token=ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=')).toBe('api key token=[redacted]');
  });

  it.each([
    'node srv.js --max-tokens=5000 --tokens=/etc/bedrock-chat/tokens.json',
    'maxTokens=4096 max_tokens = 4096 inputTokens=1234 tokenizer=cl100k secretary=bob1',
    '{"maxTokens": "4096", "max_tokens":"8192", "outputTokens":"1234"}',
    'inputTokens: 12345678 AWS_SECRET_FILE=/run/secrets/aws --secret-file=/x/y',
  ])('keeps values whose name only contains a secret word: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts the values of names that end in a secret word', () => {
    expect(
      redactSecrets(
        'GITHUB_TOKEN=ghp_1234 sessionToken=abcd1234 x-api-key=abcd1234 secret_key=abcd1234 PGPASSWORD=hunter22 credentials=/home/u/.aws/credentials',
      ),
    ).toBe(
      'GITHUB_TOKEN=[redacted] sessionToken=[redacted] x-api-key=[redacted] secret_key=[redacted] PGPASSWORD=[redacted] credentials=[redacted]',
    );
    expect(redactSecrets('{"secretAccessKey":"wJalrXUtnFEMI","passwords":"a,b,c,d"}')).toBe(
      '{"secretAccessKey":"[redacted]","passwords":"[redacted]"}',
    );
    expect(redactSecrets('GITHUB_TOKEN: ghp_abcdef123456')).toBe('GITHUB_TOKEN: [redacted]');
  });

  it('is stable when run twice', () => {
    const once = redactSecrets(
      'token=ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ= at http://u:p4ss@h/ credentials: AKIAIOSFODNN7EXAMPLE',
    );
    expect(redactSecrets(once)).toBe(once);
    expect(once).toBe('token=[redacted] at http://[redacted]@h/ credentials: [redacted]');
  });
});

describe('redactSecrets in URLs', () => {
  it('removes user:password, or a bare token, from URLs', () => {
    expect(redactSecrets('endpoint http://user:s3cretpass@127.0.0.1:1/x')).toBe(
      'endpoint http://[redacted]@127.0.0.1:1/x',
    );
    expect(redactSecrets('http://token123456@127.0.0.1:4001')).toBe('http://[redacted]@127.0.0.1:4001');
    expect(redactSecrets('https://example.com/path@version?q=a@b')).toBe(
      'https://example.com/path@version?q=a@b',
    );
  });
});

describe('secret-named command-line flags', () => {
  it('removes the value after --api-key, --password, --secret, --token and their = forms', () => {
    expect(
      redactSecrets(
        'stdio node srv.js --api-key sk-live-123456 --password hunter2 --client-secret s3cr3t! --token=abcdef --github-token ghp_0123456789',
      ),
    ).toBe(
      'stdio node srv.js --api-key [redacted] --password [redacted] --client-secret [redacted] --token=[redacted] --github-token [redacted]',
    );
  });

  it('leaves flags that only contain a secret name, and plain words after a flag, alone', () => {
    for (const text of [
      '--max-tokens 4096 is above the model limit',
      '--tokens needs a file',
      '--max-sessions-per-token needs a positive integer',
      'bedrock-chat-mcp --tokens /etc/bedrock-chat/tokens.json',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('lists the values of secret-named flags in an argument list', () => {
    expect(
      secretFlagValues([
        'srv.js',
        '--api-key',
        'sk-1',
        '--password=hunter2',
        '--token',
        '--verbose',
        '--max-tokens',
        '9',
      ]),
    ).toEqual(['sk-1', 'hunter2']);
  });
});

describe('redactSecrets with a secret word anywhere in a name', () => {
  it('hides the values of names with a suffix, digits, auth or pwd (an MCP server boot line)', () => {
    expect(
      redactSecrets(
        'boot: SECRET_KEY_BASE=9f8e7d6c5b4a3921 DB_PASSWORD_PROD=s3cr3tValue99 GITHUB_TOKEN_RO=ghp_abcdef123456 GITHUB_TOKEN=ghp_zzzz99999',
      ),
    ).toBe(
      'boot: SECRET_KEY_BASE=[redacted] DB_PASSWORD_PROD=[redacted] GITHUB_TOKEN_RO=[redacted] GITHUB_TOKEN=[redacted]',
    );
    expect(
      redactSecrets(
        'TOKEN_SECRET_VALUE=abcd1234 OPENAI_API_KEY_V2=sk-abc123 PASSWORD1=hunter22 api_key_2=abcd1234 private_key=abcd1234 auth=abcd1234 HTTP_AUTH=user:pass pwd=hunter22',
      ),
    ).toBe(
      'TOKEN_SECRET_VALUE=[redacted] OPENAI_API_KEY_V2=[redacted] PASSWORD1=[redacted] api_key_2=[redacted] private_key=[redacted] auth=[redacted] HTTP_AUTH=[redacted] pwd=[redacted]',
    );
    expect(redactSecrets('privateKey: MIIEvQIBADAN/x+1')).toBe('privateKey: [redacted]');
    expect(redactSecrets('{"privateKey": "-----BEGIN", "db_password_prod":"s3cr3t"}')).toBe(
      '{"privateKey": "[redacted]", "db_password_prod":"[redacted]"}',
    );
    expect(redactSecrets('node srv.js --github-token-ro ghp_0123456789 --token-secret=abcd1234')).toBe(
      'node srv.js --github-token-ro [redacted] --token-secret=[redacted]',
    );
  });

  it('keeps the values of names without a secret word as a segment', () => {
    const text =
      'author=alice1 passwordless=true keyboard=dvorak monkey=1234 tokenizer=cl100k max_tokens=4096 --max-tokens=5000 --tokens=/etc/tokens.json';
    expect(redactSecrets(text)).toBe(text);
  });

  it('lists the values of flags with a secret word anywhere in the name', () => {
    expect(secretFlagValues(['--github-token-ro', 'ghp_1', '--api-key-2=sk-2', '--max-tokens', '9'])).toEqual(
      ['ghp_1', 'sk-2'],
    );
  });
});
