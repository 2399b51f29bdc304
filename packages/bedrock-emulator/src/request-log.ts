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
  /** Request headers without the secret ones (`authorization`, `x-amz-security-token` …, see SECRET_HEADERS). */
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
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'cookie',
  'x-api-key',
]);

/** `headers` (lower-case names) without the secret ones. */
export function loggableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)));
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
