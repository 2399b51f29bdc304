import { createHash, timingSafeEqual } from 'node:crypto';

/** Hostnames (as `URL.hostname` gives them) that always name this machine. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

function hostnameOf(value: string, scheme: string): string | undefined {
  try {
    return new URL(`${scheme}${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * DNS-rebinding protection: the `Host` header must name an allowed host (any port). A page on
 * evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`.
 */
export function isHostAllowed(hostHeader: string | undefined, allowedHostnames: readonly string[]): boolean {
  if (!hostHeader) return false;
  const hostname = hostnameOf(hostHeader, 'http://');
  return hostname !== undefined && allowedHostnames.includes(hostname);
}

/**
 * The spec's Origin rule: a request without `Origin` (not from a browser) passes; one with an
 * `Origin` passes only when it is a loopback origin or listed exactly (scheme://host[:port]).
 */
export function isOriginAllowed(
  originHeader: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (originHeader === undefined) return true;
  let origin: URL;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false;
  if (LOOPBACK_HOSTNAMES.includes(origin.hostname)) return true;
  return allowedOrigins.some((allowed) => allowed.replace(/\/+$/, '').toLowerCase() === origin.origin);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** The accepted tokens, compared in constant time; a token's digest identifies who opened a session. */
export interface TokenVerifier {
  /** The hex digest of the matching token, or undefined when none matches. */
  verify(token: string | undefined): string | undefined;
}

export function createTokenVerifier(tokens: readonly string[]): TokenVerifier {
  if (tokens.length === 0) throw new Error('At least one token is required.');
  const digests = tokens.map(digest);
  return {
    verify(token) {
      if (token === undefined) return undefined;
      // Hashing first gives equal lengths; every token is compared so timing says nothing of which matched.
      const presented = digest(token);
      let match: Buffer | undefined;
      for (const candidate of digests) if (timingSafeEqual(candidate, presented)) match = candidate;
      return match?.toString('hex');
    },
  };
}
