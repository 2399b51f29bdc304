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
  /** Request headers without `authorization`. */
  readonly headers: Readonly<Record<string, string>>;
  /** HTTP status answered; undefined while in flight or when the connection was dropped first. */
  readonly status?: number;
  /** Kind of the injected fault this request consumed, if any. */
  readonly fault?: Fault['kind'];
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
