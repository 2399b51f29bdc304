import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  createTokenVerifier,
  isHostAllowed,
  isOriginAllowed,
  LOOPBACK_HOSTNAMES,
  tokenDigest,
  tokenEntriesFor,
} from './request-guards.js';

describe('isHostAllowed', () => {
  it.each([
    ['127.0.0.1:8765', true],
    ['localhost', true],
    ['LOCALHOST:1', true],
    ['[::1]:8765', true],
    ['evil.example:8765', false],
    ['127.0.0.1.nip.io', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (host, allowed) => {
    expect(isHostAllowed(host, LOOPBACK_HOSTNAMES)).toBe(allowed);
  });
});

describe('isOriginAllowed', () => {
  it.each([
    [undefined, true],
    ['http://localhost:6274', true],
    ['http://127.0.0.1', true],
    ['https://evil.example', false],
    ['null', false],
    ['file://', false],
    ['https://app.example', true, ['https://app.example/']],
    ['https://app.example:8443', false, ['https://app.example']],
  ] as const)('%s → %s', (origin, allowed, list: readonly string[] = []) => {
    expect(isOriginAllowed(origin, list)).toBe(allowed);
  });
});

describe('bearer tokens', () => {
  it('parses the header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('identifies the principal and which of its tokens matched, without revealing the token', () => {
    const verifier = createTokenVerifier([
      ...tokenEntriesFor(['alpha', 'beta'], 'alice'),
      ...tokenEntriesFor(['gamma'], 'bob'),
    ]);
    const alpha = verifier.verify('alpha');
    const beta = verifier.verify('beta');
    expect(alpha).toEqual({ principal: 'alice', tokenId: tokenDigest('alpha').toString('hex') });
    expect(alpha?.tokenId).toMatch(/^[0-9a-f]{64}$/);
    expect(beta?.principal).toBe('alice');
    expect(beta?.tokenId).not.toBe(alpha?.tokenId);
    expect(verifier.verify('gamma')?.principal).toBe('bob');
    expect(verifier.verify('alph')).toBeUndefined();
    expect(verifier.verify(undefined)).toBeUndefined();
  });

  it('needs at least one token', () => {
    expect(() => createTokenVerifier([])).toThrow(/At least one token/);
  });
});
