import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

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
});

describe('redactSecrets in URLs', () => {
  it('removes user:password from URLs', () => {
    expect(redactSecrets('endpoint http://user:s3cretpass@127.0.0.1:1/x')).toBe(
      'endpoint http://[redacted]@127.0.0.1:1/x',
    );
  });
});
