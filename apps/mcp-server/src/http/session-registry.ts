import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServer;
  /** Digest of the token that opened the session: only that token may use it. */
  readonly owner: string;
  lastUsedAt: number;
}

/**
 * Live HTTP sessions by id. A session belongs to the token that initialised it; a lookup with any
 * other token finds nothing, exactly like an unknown id, so ids of other clients cannot be probed.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  get size(): number {
    return this.#sessions.size;
  }

  add(sessionId: string, session: Omit<Session, 'lastUsedAt'>): void {
    this.#sessions.set(sessionId, { ...session, lastUsedAt: this.now() });
  }

  /** The session, touched, when it exists and belongs to `owner`. */
  find(sessionId: string, owner: string): Session | undefined {
    const session = this.#sessions.get(sessionId);
    if (session === undefined || session.owner !== owner) return undefined;
    session.lastUsedAt = this.now();
    return session;
  }

  delete(sessionId: string): void {
    this.#sessions.delete(sessionId);
  }

  /** Sessions unused for `idleMs`, removed from the registry, for the caller to close. */
  takeIdle(idleMs: number): Session[] {
    const cutoff = this.now() - idleMs;
    const idle: Session[] = [];
    for (const [sessionId, session] of this.#sessions) {
      if (session.lastUsedAt < cutoff) {
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
