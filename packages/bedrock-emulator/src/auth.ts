import { createHash } from 'node:crypto';
import { EmulatorError } from './bedrock-errors.js';

/** How a request authenticated, as recorded in the request log. Secrets are never kept. */
export type RequestAuth =
  | {
      readonly scheme: 'sigv4';
      readonly accessKeyId?: string;
      readonly region?: string;
      readonly service?: string;
      readonly signedHeaders?: readonly string[];
    }
  | {
      readonly scheme: 'bearer';
      /** The first 12 hex digits of the key's SHA-256 (see {@link apiKeyFingerprint}), not the key. */
      readonly keyFingerprint: string;
    }
  | { readonly scheme: 'none' };

/** Credentials the emulator rejects, to reproduce Bedrock's auth failures. */
export interface AuthOptions {
  /** Bearer API keys answered with 403 AccessDeniedException, like a revoked or unknown key. */
  readonly rejectedApiKeys?: readonly string[];
  /** SigV4 access key ids answered with 403 ExpiredTokenException (expired temporary credentials). */
  readonly expiredAccessKeyIds?: readonly string[];
  /** SigV4 access key ids answered with 403 UnrecognizedClientException (unknown or deleted key). */
  readonly unrecognizedAccessKeyIds?: readonly string[];
}

const SIGV4_PREFIX = 'AWS4-HMAC-SHA256 ';
const BEARER = /^bearer\s+/i;

/**
 * Names an API key without keeping it, so a test can tell which key a request carried:
 * `request.auth.keyFingerprint === apiKeyFingerprint('the-key')`.
 */
export function apiKeyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Reads the Authorization header without verifying the signature. */
export function parseAuthorization(header: string | undefined): RequestAuth {
  if (header === undefined || header.trim() === '') return { scheme: 'none' };
  if (/^bearer\s+\S/i.test(header)) {
    return { scheme: 'bearer', keyFingerprint: apiKeyFingerprint(header.replace(BEARER, '').trim()) };
  }
  if (!header.startsWith(SIGV4_PREFIX)) return { scheme: 'none' };
  const parameters = new Map<string, string>();
  for (const part of header.slice(SIGV4_PREFIX.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const [accessKeyId, , region, service, terminator] = (parameters.get('Credential') ?? '').split('/');
  const complete =
    parameters.has('Signature') && parameters.has('SignedHeaders') && terminator === 'aws4_request';
  return {
    scheme: 'sigv4',
    ...(complete ? { accessKeyId, region, service } : {}),
    signedHeaders: parameters.get('SignedHeaders')?.split(';'),
  };
}

/**
 * The error Bedrock answers a request's credentials with, if any. `expectedRegion` is the region
 * the emulator serves: a signature scoped to another region is refused, as AWS does.
 */
export function authError(
  header: string | undefined,
  auth: RequestAuth,
  expectedRegion: string,
  options: AuthOptions,
): EmulatorError | undefined {
  switch (auth.scheme) {
    case 'none':
      if (header !== undefined && header.trim() !== '') {
        return new EmulatorError(
          'IncompleteSignatureException',
          `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
        );
      }
      // What Bedrock Runtime sends with no Authorization header at all: 403, x-amzn-ErrorType
      // AccessDeniedException, body {"Message":"Authorization header is missing"} (response
      // captured in github.com/karthink/gptel/issues/1397 and anthropics/claude-code#44963).
      return new EmulatorError('AccessDeniedException', 'Authorization header is missing', 'Message');
    case 'bearer': {
      const key = header?.replace(BEARER, '').trim() ?? '';
      if (options.rejectedApiKeys?.includes(key)) {
        // Bedrock's answer to a well-formed but invalid API key (reported in
        // github.com/ai4s-research/open-science/issues/53).
        return new EmulatorError(
          'AccessDeniedException',
          'Authentication failed: Please make sure your API Key is valid.',
          'Message',
        );
      }
      return undefined;
    }
    case 'sigv4':
      return sigv4Error(auth, expectedRegion, options);
  }
}

function sigv4Error(
  auth: Extract<RequestAuth, { scheme: 'sigv4' }>,
  expectedRegion: string,
  options: AuthOptions,
): EmulatorError | undefined {
  if (auth.accessKeyId === undefined || auth.accessKeyId === '') {
    return new EmulatorError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`,
    );
  }
  if (auth.service !== 'bedrock') {
    return new EmulatorError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: 'bedrock'. `,
    );
  }
  if (auth.region !== expectedRegion) {
    return new EmulatorError('InvalidSignatureException', 'Credential should be scoped to a valid region. ');
  }
  if (options.expiredAccessKeyIds?.includes(auth.accessKeyId)) {
    return new EmulatorError(
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
  }
  if (options.unrecognizedAccessKeyIds?.includes(auth.accessKeyId)) {
    return new EmulatorError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  return undefined;
}
