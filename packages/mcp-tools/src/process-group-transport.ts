import { type ChildProcess, spawn } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface ProcessGroupTransportOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
  /** How long each step of `close()` waits (stdin closed → SIGTERM → SIGKILL); the SDK's is 2 s. */
  readonly graceMs?: number | undefined;
}

/** The SDK's StdioClientTransport waits 2 s after closing stdin, and 2 s after SIGTERM. */
const GRACE_MS = 2_000;
const POLL_MS = 25;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The whole group is already gone.
  }
}

/** Resolves once `done()` holds or `ms` passed, whichever comes first. */
async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!done() && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * A stdio client transport (POSIX) whose server runs in its own process group, so that ending it
 * ends what it started too: servers are often launched through a wrapper (`npx`, `uvx`, `sh -c`)
 * whose child is the real server. The SDK's StdioClientTransport (sdk 1.x `client/stdio.js`)
 * signals only its direct child and waits for the child's pipes to close, which a grandchild
 * holds: the caller then waits as long as the grandchild lives, and it is never ended.
 * Not for Windows, which has no process groups (`detached` opens a console there): the caller
 * keeps the SDK's transport on win32.
 */
export class ProcessGroupTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  /** The child exited and every pipe is closed: nothing of the group holds them any more. */
  private ended = false;
  private closing: Promise<void> | undefined;
  /** `terminate()` was called: a gentle close under way stops waiting for the server. */
  private urgent = false;
  private readonly readBuffer = new ReadBuffer();
  private readonly stderrListeners: ((chunk: string) => void)[] = [];

  constructor(private readonly options: ProcessGroupTransportOptions) {}

  /** The server's pid, which is also its process group id; undefined before start. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Calls `listener` with what the server (or anything in its group) writes to stderr. */
  onStderr(listener: (chunk: string) => void): void {
    this.stderrListeners.push(listener);
  }

  start(): Promise<void> {
    if (this.child) throw new Error('ProcessGroupTransport already started.');
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, [...this.options.args], {
        env: { ...this.options.env },
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group (pgid = its pid): the whole tree can be signalled as one, and a
        // Ctrl-C at the terminal reaches only us, who end the servers in order.
        detached: true,
      });
      this.child = child;
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      // 'close' comes once the pipes are closed too: until then a grandchild may still serve.
      child.once('close', () => {
        this.ended = true;
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        this.readBuffer.append(chunk);
        this.drain();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        for (const listener of this.stderrListeners) listener(chunk.toString());
      });
    });
  }

  private drain(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.readBuffer.readMessage();
      } catch (error) {
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closing !== undefined) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends the server at once: SIGTERM to its whole group, SIGKILL after the grace period. */
  terminate(): Promise<void> {
    // The SDK's Client closes its transport itself when a connect is aborted, before we get here.
    this.urgent = true;
    this.closing ??= this.end({ gentle: false });
    return this.closing;
  }

  /** Closes stdin and lets the server end on its own for a grace period, then `terminate`s. */
  close(): Promise<void> {
    this.closing ??= this.end({ gentle: true });
    return this.closing;
  }

  private async end({ gentle }: { gentle: boolean }): Promise<void> {
    const child = this.child;
    const pgid = child?.pid;
    if (!child || pgid === undefined) return;
    const grace = this.options.graceMs ?? GRACE_MS;
    if (gentle) {
      // The MCP spec's stdio shutdown: close its input, let it exit, then SIGTERM, then SIGKILL
      // (modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#shutdown).
      child.stdin?.end();
      await waitFor(() => this.ended || this.urgent, grace);
    }
    // To the whole group, also when the pipes closed: what the server started may live on without
    // them. The pipes closing (not `kill(-pgid, 0)`) tells that the group is gone: an ended
    // process may stay a zombie where nothing reaps orphans (PID 1 in a container).
    signalGroup(pgid, 'SIGTERM');
    if (!this.ended) {
      await waitFor(() => this.ended, grace);
      if (!this.ended) signalGroup(pgid, 'SIGKILL');
    }
    // Our ends of the pipes: an escaped process that still holds them must not keep us alive.
    child.stdin?.destroy();
    child.stdout?.destroy();
    child.stderr?.destroy();
    this.readBuffer.clear();
  }
}
