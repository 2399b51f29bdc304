import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenEntry } from './tokens-file.js';

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

/** The SHA-256 of a token: what a tokens file lists, and what presented tokens are compared by. */
export const tokenDigest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Who presented a valid token. */
export interface Caller {
  readonly principal: string;
  /** Hex SHA-256 of the token: tells the tokens of one principal apart (sessions), never the token. */
  readonly tokenId: string;
}

/** The accepted tokens, compared in constant time. */
export interface TokenVerifier {
  /** The caller a token belongs to, or undefined when none matches. */
  verify(token: string | undefined): Caller | undefined;
}

export function createTokenVerifier(entries: readonly TokenEntry[]): TokenVerifier {
  if (entries.length === 0) throw new Error('At least one token is required.');
  return {
    verify(token) {
      if (token === undefined) return undefined;
      // Hashing first gives equal lengths; every entry is compared so timing says nothing of which matched.
      const presented = tokenDigest(token);
      let match: TokenEntry | undefined;
      for (const entry of entries) if (timingSafeEqual(entry.sha256, presented)) match = entry;
      return match && { principal: match.principal, tokenId: match.sha256.toString('hex') };
    },
  };
}

/** Plain tokens (BEDROCK_CHAT_MCP_TOKEN, or the generated one), all acting as `principal`. */
export function tokenEntriesFor(tokens: readonly string[], principal: string): TokenEntry[] {
  return tokens.map((token) => ({ principal, sha256: tokenDigest(token) }));
}
