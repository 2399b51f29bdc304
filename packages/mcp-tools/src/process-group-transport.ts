import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { SpawnedServer } from './spawned-server.js';

export interface ProcessGroupTransportOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string | undefined;
  /** How long each step of `close()` waits (stdin closed → SIGTERM → SIGKILL); the SDK's is 2 s. */
  readonly graceMs?: number | undefined;
  /**
   * The server, already started with exactly these options (the CLI's early start): `start()`
   * takes it over, with everything it did so far, instead of spawning another.
   */
  readonly spawned?: SpawnedServer | undefined;
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

  private server: SpawnedServer | undefined;
  private closing: Promise<void> | undefined;
  private readonly readBuffer = new ReadBuffer();
  private readonly stderrListeners: ((chunk: string) => void)[] = [];

  constructor(private readonly options: ProcessGroupTransportOptions) {}

  /** The server's pid, which is also its process group id; undefined before start. */
  get pid(): number | undefined {
    return this.server?.pid;
  }

  /** Calls `listener` with what the server (or anything in its group) writes to stderr. */
  onStderr(listener: (chunk: string) => void): void {
    this.stderrListeners.push(listener);
  }

  start(): Promise<void> {
    if (this.server) throw new Error('ProcessGroupTransport already started.');
    const { spawned, graceMs: _grace, ...spec } = this.options;
    const server = spawned ?? new SpawnedServer(spec);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.attach({
        spawned: () => resolve(),
        failed: (error) => {
          reject(error);
          this.onerror?.(error);
        },
        stdout: (chunk) => {
          this.readBuffer.append(chunk);
          this.drain();
        },
        stderr: (chunk) => {
          for (const listener of this.stderrListeners) listener(chunk.toString());
        },
        streamError: (error) => this.onerror?.(error),
        closed: () => this.onclose?.(),
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
    const stdin = this.server?.child.stdin;
    if (!stdin || this.closing !== undefined) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends the server at once: SIGTERM to its whole group, SIGKILL after the grace period. */
  terminate(): Promise<void> {
    // The SDK's Client closes its transport itself when a connect is aborted, before we get here.
    this.server?.hurry();
    this.closing ??= this.end(false);
    return this.closing;
  }

  /** Closes stdin and lets the server end on its own for a grace period, then `terminate`s. */
  close(): Promise<void> {
    this.closing ??= this.end(true);
    return this.closing;
  }

  private async end(gentle: boolean): Promise<void> {
    await this.server?.stop({ gentle, graceMs: this.options.graceMs });
    this.readBuffer.clear();
  }
}
