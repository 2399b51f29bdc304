import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServer;
  /**
   * Digest of the token that opened the session: only that token may use it, even another token of
   * the same principal (the narrowest binding; conversations live in the store, not in sessions).
   */
  readonly tokenId: string;
  /** Whose share of the sessions this one counts against: a principal, or a token without `--tokens`. */
  readonly quotaKey: string;
  lastUsedAt: number;
  /** Requests of this session being answered; a session with one is never evicted. */
  inFlight: number;
}

export interface SessionLimits {
  /** Sessions one quota key (principal or token) may hold. */
  perKey: number;
  /** Sessions open at once. */
  total: number;
}

export type RoomResult =
  | { kind: 'room' }
  /** Taken out of the registry; the caller closes it. */
  | { kind: 'evicted'; session: Session }
  | { kind: 'full'; limit: 'per-key' | 'total' };

/**
 * Live HTTP sessions by id. A session belongs to the token that initialised it; a lookup with any
 * other token finds nothing, exactly like an unknown id, so ids of other clients cannot be probed.
 * Quotas count by a separate key, so that all tokens of one principal share one quota.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  get size(): number {
    return this.#sessions.size;
  }

  add(sessionId: string, session: Omit<Session, 'lastUsedAt' | 'inFlight'>): void {
    this.#sessions.set(sessionId, { ...session, lastUsedAt: this.now(), inFlight: 0 });
  }

  /** How many sessions count against `quotaKey`. */
  countOf(quotaKey: string): number {
    let count = 0;
    for (const session of this.#sessions.values()) if (session.quotaKey === quotaKey) count += 1;
    return count;
  }

  /**
   * Makes room for a new session counted against `quotaKey`. At its quota, that key's least recently
   * used idle session is taken out for the caller to close; at the overall cap, the least recently
   * used idle session of the key holding the most sessions among those with an idle one (a key whose
   * sessions are all busy cannot lock the others out while idle sessions remain). `full` when every
   * candidate is busy.
   */
  makeRoomFor(quotaKey: string, limits: SessionLimits): RoomResult {
    const atQuota = this.countOf(quotaKey) >= limits.perKey;
    if (!atQuota && this.#sessions.size < limits.total) return { kind: 'room' };
    const evicted = this.#takeLeastRecentlyUsedIdle(atQuota ? quotaKey : undefined);
    if (evicted) return { kind: 'evicted', session: evicted };
    return { kind: 'full', limit: atQuota ? 'per-key' : 'total' };
  }

  /**
   * Takes out the least recently used idle session of `quotaKey` or, without one, of the key with
   * the most sessions that has an idle one.
   */
  #takeLeastRecentlyUsedIdle(quotaKey: string | undefined): Session | undefined {
    const counts = new Map<string, number>();
    for (const session of this.#sessions.values()) {
      counts.set(session.quotaKey, (counts.get(session.quotaKey) ?? 0) + 1);
    }
    const weight = (session: Session) => counts.get(session.quotaKey) ?? 0;
    let found: [string, Session] | undefined;
    for (const entry of this.#sessions) {
      const [, session] = entry;
      if (session.inFlight > 0 || (quotaKey !== undefined && session.quotaKey !== quotaKey)) continue;
      const better =
        found === undefined ||
        weight(session) > weight(found[1]) ||
        (weight(session) === weight(found[1]) && session.lastUsedAt < found[1].lastUsedAt);
      if (better) found = entry;
    }
    if (found === undefined) return undefined;
    this.#sessions.delete(found[0]);
    return found[1];
  }

  /** The session, touched, when it exists and was opened with the token `tokenId`. */
  find(sessionId: string, tokenId: string): Session | undefined {
    const session = this.#sessions.get(sessionId);
    if (session === undefined || session.tokenId !== tokenId) return undefined;
    session.lastUsedAt = this.now();
    return session;
  }

  /** Marks a request of the session as started; the returned function marks it finished. */
  using(session: Session): () => void {
    session.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      session.inFlight -= 1;
      session.lastUsedAt = this.now();
    };
  }

  delete(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** Sessions unused for `idleMs`, removed from the registry, for the caller to close. */
  takeIdle(idleMs: number): Session[] {
    const cutoff = this.now() - idleMs;
    const idle: Session[] = [];
    for (const [sessionId, session] of this.#sessions) {
      if (session.lastUsedAt < cutoff && session.inFlight === 0) {
        this.#sessions.delete(sessionId);
        idle.push(session);
      }
    }
    return idle;
  }

  takeAll(): Session[] {
    const all = [...this.#sessions.values()];
    this.#sessions.clear();
    return all;
  }
}
