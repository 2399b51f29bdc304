import type { RequestAuth } from './auth.js';
import type { Fault, Operation } from './faults.js';

/** One request the emulator received, for test assertions. */
export interface RecordedRequest {
  /** 1-based arrival order since the emulator started (not reset by `clearRequests`). */
  readonly sequence: number;
  /** The operation the route maps to, or `'Unknown'` for unmatched routes. */
  readonly operation: Operation | 'Unknown';
  readonly method: string;
  /** Path as sent, still percent-encoded. */
  readonly path: string;
  /** Decoded model id from the path (runtime operations only). */
  readonly modelId?: string;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  readonly body?: unknown;
  /** Scheme and SigV4 scope; never the signature or the API key. */
  readonly auth: RequestAuth;
  /** Region of the SigV4 credential scope, when signed. */
  readonly region?: string;
  readonly httpVersion: '1.1' | '2';
  /** Request headers without the secret ones (`authorization`, `x-amz-security-token` …, see isSecretHeader). */
  readonly headers: Readonly<Record<string, string>>;
  /** HTTP status answered; undefined while in flight or when the connection was dropped first. */
  readonly status?: number;
  /** Kind of the injected fault this request consumed, if any. */
  readonly fault?: Fault['kind'];
}

/**
 * Headers that carry a credential and are never logged: the signature or API key, the session
 * token of temporary credentials (SigV4 sends it as `x-amz-security-token`:
 * docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), cookies and proxy credentials.
 * Any other header named for a secret is dropped too (see {@link isSecretHeader}).
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'cookie',
  'x-api-key',
]);

/**
 * Parts of a header name that make it a secret's, matched anywhere in the name: compound names
 * (`x-authtoken`, `x-sessiontoken`, `x-accesstoken`), `authentication`, `x-goog-iap-jwt-assertion`,
 * `set-cookie`, `x-client-secret`, `x-amz-credential` …
 */
const SECRET_PARTS = [
  'token',
  'secret',
  'auth',
  'passw',
  'pwd',
  'cookie',
  'signature',
  'credential',
  'jwt',
  'bearer',
  'session',
];

/**
 * Whether a header (lower-case name) may carry a credential: one of {@link SECRET_HEADERS}, a name
 * containing one of the secret parts above, or a name ending in `key` (`x-api-key`, `x-secretkey`,
 * `privatekey`, `x-functions-key`, `ocp-apim-subscription-key`,
 * `x-amz-server-side-encryption-customer-key`). A test client or a proxy adds headers of its own,
 * and a fixed list misses them. Bedrock's ordinary headers (`content-type`, `x-amz-date`,
 * `x-amz-content-sha256`, `x-amzn-bedrock-*`) stay loggable.
 */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower)) return true;
  return lower.endsWith('key') || SECRET_PARTS.some((part) => lower.includes(part));
}

/** `headers` (lower-case names) without the secret ones. */
export function loggableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isSecretHeader(name)));
}

/** The mutable form handlers fill in as the response goes out. */
export type RecordedRequestDraft = { -readonly [Key in keyof RecordedRequest]: RecordedRequest[Key] };

export class RequestLog {
  #entries: RecordedRequest[] = [];
  #sequence = 0;

  add(entry: Omit<RecordedRequestDraft, 'sequence'>): RecordedRequestDraft {
    const draft: RecordedRequestDraft = { sequence: ++this.#sequence, ...entry };
    this.#entries.push(draft);
    return draft;
  }

  get entries(): readonly RecordedRequest[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries = [];
  }
}
