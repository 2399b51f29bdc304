import type { Socket } from 'node:net';

interface Tracked {
  /** Has carried a request with a valid token. */
  authenticated: boolean;
  /** Has begun a request. */
  spoken: boolean;
  /** Requests received and not yet answered. */
  inFlight: number;
  lastActiveAt: number;
}

export interface ConnectionGuardOptions {
  maxConnections: number;
  /**
   * How long a new connection may stay silent before its first request. Node's `headersTimeout`
   * starts at a request's first byte, so a socket that never sends one is otherwise kept forever.
   */
  silentTimeoutMs: number;
  now?: (() => number) | undefined;
}

/**
 * Bounds the open connections of the HTTP server, so that idle sockets (anyone can open them, no
 * token needed) cannot take every descriptor. When the cap is reached, a new connection takes the
 * place of the unauthenticated connection that has been idle longest; connections that carried a
 * valid token, and any with a request in flight, are never closed for it. With no such place the
 * new connection is closed at once. A socket that has not finished its first request's headers
 * counts as idle and unauthenticated: that is what an attacker's socket looks like.
 */
export class ConnectionGuard {
  readonly #sockets = new Map<Socket, Tracked>();
  readonly #maxConnections: number;
  readonly #silentTimeoutMs: number;
  readonly #now: () => number;

  constructor(options: ConnectionGuardOptions) {
    this.#maxConnections = options.maxConnections;
    this.#silentTimeoutMs = options.silentTimeoutMs;
    this.#now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.#sockets.size;
  }

  /** Call on the server's `connection` event. Returns false when the socket was refused (destroyed). */
  admit(socket: Socket): boolean {
    if (this.#sockets.size >= this.#maxConnections && !this.#evictIdleUnauthenticated()) {
      socket.destroy();
      return false;
    }
    this.#sockets.set(socket, {
      authenticated: false,
      spoken: false,
      inFlight: 0,
      lastActiveAt: this.#now(),
    });
    socket.once('close', () => this.#sockets.delete(socket));
    // With no 'timeout' listener on a request or the server, node:http destroys the socket.
    socket.setTimeout(this.#silentTimeoutMs);
    return true;
  }

  requestStarted(socket: Socket): void {
    const tracked = this.#sockets.get(socket);
    if (tracked === undefined) return;
    if (!tracked.spoken) {
      tracked.spoken = true;
      // From here node:http's own header, request and keep-alive timeouts apply.
      socket.setTimeout(0);
    }
    tracked.inFlight += 1;
    tracked.lastActiveAt = this.#now();
  }

  requestFinished(socket: Socket): void {
    const tracked = this.#sockets.get(socket);
    if (tracked === undefined) return;
    tracked.inFlight = Math.max(0, tracked.inFlight - 1);
    tracked.lastActiveAt = this.#now();
  }

  authenticated(socket: Socket): void {
    const tracked = this.#sockets.get(socket);
    if (tracked !== undefined) tracked.authenticated = true;
  }

  #evictIdleUnauthenticated(): boolean {
    let oldest: [Socket, Tracked] | undefined;
    for (const entry of this.#sockets) {
      const [, tracked] = entry;
      if (tracked.authenticated || tracked.inFlight > 0) continue;
      if (oldest === undefined || tracked.lastActiveAt < oldest[1].lastActiveAt) oldest = entry;
    }
    if (oldest === undefined) return false;
    this.#sockets.delete(oldest[0]);
    oldest[0].destroy();
    return true;
  }
}
