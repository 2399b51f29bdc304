import { describe, expect, it } from 'vitest';
import { apiKeyFingerprint, authError, parseAuthorization } from './auth.js';

const sigv4 = (scope: string) =>
  `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=${'ab'.repeat(32)}`;

describe('parseAuthorization', () => {
  it('reads the SigV4 credential scope and signed headers', () => {
    expect(parseAuthorization(sigv4('AKIDEXAMPLE/20250101/eu-west-1/bedrock/aws4_request'))).toEqual({
      scheme: 'sigv4',
      accessKeyId: 'AKIDEXAMPLE',
      region: 'eu-west-1',
      service: 'bedrock',
      signedHeaders: ['host', 'x-amz-date'],
    });
  });

  it('recognises bearer keys without keeping them, by a fingerprint that tells keys apart', () => {
    const auth = parseAuthorization('Bearer ABSKsecret');
    expect(auth).toEqual({ scheme: 'bearer', keyFingerprint: apiKeyFingerprint('ABSKsecret') });
    expect(JSON.stringify(auth)).not.toContain('ABSKsecret');
    expect(apiKeyFingerprint('ABSKsecret')).toMatch(/^[0-9a-f]{12}$/);
    expect(apiKeyFingerprint('ABSKother')).not.toBe(apiKeyFingerprint('ABSKsecret'));
  });

  it('treats a missing or blank header as no auth', () => {
    expect(parseAuthorization(undefined)).toEqual({ scheme: 'none' });
    expect(parseAuthorization('  ')).toEqual({ scheme: 'none' });
  });

  it('leaves the scope out of an incomplete SigV4 header', () => {
    expect(
      parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/bedrock/aws4_request'),
    ).toEqual({
      scheme: 'sigv4',
      signedHeaders: undefined,
    });
  });
});

describe('authError', () => {
  const check = (header: string | undefined, options = {}) =>
    authError(header, parseAuthorization(header), 'us-east-1', options);

  it('accepts any well-formed SigV4 scope for the served region, and any bearer key', () => {
    expect(check(sigv4('AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request'))).toBeUndefined();
    expect(check('Bearer anything')).toBeUndefined();
  });

  it('answers a missing Authorization header like Bedrock: 403 AccessDeniedException', () => {
    const error = check(undefined);
    expect(error).toMatchObject({
      errorName: 'AccessDeniedException',
      status: 403,
      message: 'Authorization header is missing',
      messageKey: 'Message',
    });
  });

  it('refuses scopes for another service or region', () => {
    expect(check(sigv4('AKID/20250101/us-east-1/s3/aws4_request'))).toMatchObject({
      errorName: 'InvalidSignatureException',
      status: 403,
    });
    expect(check(sigv4('AKID/20250101/eu-west-1/bedrock/aws4_request'))).toMatchObject({
      errorName: 'InvalidSignatureException',
      message: 'Credential should be scoped to a valid region. ',
    });
  });

  it('refuses malformed headers as an incomplete signature', () => {
    expect(check('Basic dXNlcjpwYXNz')).toMatchObject({
      errorName: 'IncompleteSignatureException',
      status: 400,
    });
    expect(check('AWS4-HMAC-SHA256 Credential=AKID')).toMatchObject({
      errorName: 'IncompleteSignatureException',
    });
  });

  it('reproduces expired and unrecognised credentials and rejected API keys', () => {
    const options = {
      expiredAccessKeyIds: ['EXPIRED'],
      unrecognizedAccessKeyIds: ['UNKNOWN'],
      rejectedApiKeys: ['revoked'],
    };
    expect(check(sigv4('EXPIRED/20250101/us-east-1/bedrock/aws4_request'), options)).toMatchObject({
      errorName: 'ExpiredTokenException',
      status: 403,
      message: 'The security token included in the request is expired',
    });
    expect(check(sigv4('UNKNOWN/20250101/us-east-1/bedrock/aws4_request'), options)).toMatchObject({
      errorName: 'UnrecognizedClientException',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    expect(check('Bearer revoked', options)).toMatchObject({
      errorName: 'AccessDeniedException',
      status: 403,
    });
    expect(check('Bearer fine', options)).toBeUndefined();
  });
});
