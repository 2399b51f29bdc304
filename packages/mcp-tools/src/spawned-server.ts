import { type ChildProcess, spawn } from 'node:child_process';

/** Exactly what a stdio server is started with. */
export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
}

/** What the owner of a server hears from it, in the order it happened. */
export interface ServerListener {
  spawned(): void;
  failed(error: Error): void;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** A stdin or stdout stream error (EPIPE after the server died, …). */
  streamError(error: Error): void;
  /** The server exited and every pipe is closed. */
  closed(): void;
}

type ServerEvent = {
  [K in keyof ServerListener]: { type: K; args: Parameters<ServerListener[K]> };
}[keyof ServerListener];

/** The SDK's StdioClientTransport waits 2 s after closing stdin, and 2 s after SIGTERM. */
export const GRACE_MS = 2_000;

export function sameSpec(a: SpawnSpec, b: SpawnSpec): boolean {
  const envA = Object.entries(a.env);
  return (
    a.command === b.command &&
    a.cwd === b.cwd &&
    a.args.length === b.args.length &&
    a.args.every((arg, index) => arg === b.args[index]) &&
    envA.length === Object.keys(b.env).length &&
    envA.every(([name, value]) => b.env[name] === value)
  );
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The whole group is already gone.
  }
}

/**
 * A stdio server process (POSIX) in its own process group, spawned at once. Until an owner
 * `attach`es, everything it does (spawned or failed, output, exit) is kept and then replayed in
 * order, so a server started early — before the MCP client is loaded — loses nothing. Its output
 * is read all along: a server that writes a lot before anyone listens does not block.
 * Depends on node:child_process only, so the CLI can start servers before loading the MCP SDK.
 */
export class SpawnedServer {
  readonly child: ChildProcess;
  private listener: ServerListener | undefined;
  private readonly pending: ServerEvent[] = [];
  private isEnded = false;
  private hurried = false;
  private readonly waiters = new Set<() => void>();
  private stopping: Promise<void> | undefined;

  constructor(readonly spec: SpawnSpec) {
    const child = spawn(spec.command, [...spec.args], {
      env: { ...spec.env },
      cwd: spec.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group (pgid = its pid): the whole tree can be signalled as one, and a
      // Ctrl-C at the terminal reaches only us, who end the servers in order.
      detached: true,
    });
    this.child = child;
    child.once('error', (error) => this.emit({ type: 'failed', args: [error] }));
    child.once('spawn', () => this.emit({ type: 'spawned', args: [] }));
    // 'close' comes once the pipes are closed too: until then a grandchild may still serve.
    child.once('close', () => {
      this.isEnded = true;
      this.wake();
      this.emit({ type: 'closed', args: [] });
    });
    child.stdin?.on('error', (error) => this.emit({ type: 'streamError', args: [error] }));
    child.stdout?.on('error', (error) => this.emit({ type: 'streamError', args: [error] }));
    child.stdout?.on('data', (chunk: Buffer) => this.emit({ type: 'stdout', args: [chunk] }));
    child.stderr?.on('data', (chunk: Buffer) => this.emit({ type: 'stderr', args: [chunk] }));
  }

  /** The server's pid, which is also its process group id (undefined if it could not start). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The server exited and every pipe is closed: nothing of its group holds them any more. */
  get ended(): boolean {
    return this.isEnded;
  }

  /** Hands what happened so far to `listener`, then everything as it happens. Once. */
  attach(listener: ServerListener): void {
    if (this.listener) throw new Error('The server already has an owner.');
    this.listener = listener;
    for (const event of this.pending.splice(0)) this.deliver(event);
  }

  private emit(event: ServerEvent): void {
    if (this.listener) this.deliver(event);
    else this.pending.push(event);
  }

  private deliver(event: ServerEvent): void {
    const listener = this.listener as ServerListener;
    (listener[event.type] as (...args: unknown[]) => void)(...event.args);
  }

  /** A gentle stop under way stops waiting for the server to end on its own. */
  hurry(): void {
    this.hurried = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves once the server ended (or, with `orHurried`, `hurry()` was called) or `ms` passed. */
  private waitEnded(ms: number, orHurried: boolean): Promise<void> {
    const done = () => this.isEnded || (orHurried && this.hurried);
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters.delete(finish);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(finish);
        resolve();
      }, ms);
      this.waiters.add(finish);
    });
  }

  /**
   * Ends the server and its whole group. Gentle: the MCP spec's stdio shutdown — close its input,
   * let it exit, then SIGTERM, then SIGKILL (modelcontextprotocol.io/specification/2025-11-25/
   * basic/lifecycle#shutdown); otherwise SIGTERM at once. Each wait ends the moment the server
   * does (no polling). Safe to call twice: the first call's options win.
   */
  stop(options: { gentle: boolean; graceMs?: number | undefined }): Promise<void> {
    this.stopping ??= this.end(options.gentle, options.graceMs ?? GRACE_MS);
    return this.stopping;
  }

  private async end(gentle: boolean, grace: number): Promise<void> {
    const { child } = this;
    const pgid = child.pid;
    if (pgid !== undefined) {
      if (gentle) {
        child.stdin?.end();
        await this.waitEnded(grace, true);
      }
      // To the whole group, also when the pipes closed: what the server started may live on
      // without them. The pipes closing (not `kill(-pgid, 0)`) tells that the group is gone: an
      // ended process may stay a zombie where nothing reaps orphans (PID 1 in a container).
      signalGroup(pgid, 'SIGTERM');
      if (!this.isEnded) {
        await this.waitEnded(grace, false);
        if (!this.isEnded) signalGroup(pgid, 'SIGKILL');
      }
    }
    // Our ends of the pipes: an escaped process that still holds them must not keep us alive.
    child.stdin?.destroy();
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}
