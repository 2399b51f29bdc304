import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN_PATH } from './bin.js';

export interface RawStdioSession {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every line the server wrote to stdout, parsed. */
  readonly messages: Record<string, unknown>[];
  /** Writes one line as is (a string) or as JSON (an object). */
  send(message: string | object): void;
  /** The message with this id, once the server has written it. */
  reply(id: number | string | null): Promise<Record<string, unknown>>;
  stderr(): string;
}

function initialize(capabilities: Record<string, unknown>) {
  return {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities, clientInfo: { name: 'raw', version: '1' } },
  };
}
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' } as const;

/** A `tools/call` of `chat`. */
export function chatCall(id: number, prompt: string) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'chat', arguments: { prompt } } };
}

/** The built server over raw stdio, for what the SDK client will not send (bad lines, an early EOF). */
export function spawnRawStdio(
  env: Record<string, string>,
  { capabilities = {} }: { capabilities?: Record<string, unknown> } = {},
): RawStdioSession {
  // The handshake is sent at once: the SDK server answers requests that follow it without waiting.
  const child = spawn(process.execPath, [BIN_PATH], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const messages: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin.on('error', () => {});
  createInterface({ input: child.stdout }).on('line', (line) => {
    messages.push(JSON.parse(line) as Record<string, unknown>);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const session: RawStdioSession = {
    child,
    messages,
    send(message) {
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    },
    reply(id) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find((message) => 'id' in message && message.id === id);
          if (found) return resolve(found);
          if (child.exitCode !== null)
            return reject(new Error(`server exited without replying to ${id}: ${stderr}`));
          waiters.push(check);
        };
        child.once('exit', check);
        check();
      });
    },
    stderr: () => stderr,
  };
  session.send(initialize(capabilities));
  session.send(INITIALIZED);
  return session;
}
