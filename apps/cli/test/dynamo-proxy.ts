import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

/** What to do with one intercepted DynamoDB request. */
export type ProxyDecision = 'forward' | 'drop';

/** The DynamoDB operation a request names (`X-Amz-Target: DynamoDB_20120810.<Operation>`). */
export interface ProxiedRequest {
  operation: string;
  body: Buffer;
}

/**
 * A plain HTTP forwarder in front of DynamoDB Local (the SDK speaks HTTP/1.1 to DynamoDB), so a
 * test can stop a write at the wire: hold a request until something happened (every writer got
 * there, a process was killed), then forward it or drop the connection without an answer.
 */
export interface DynamoProxy {
  /** For AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  /** Every operation received, in order of arrival. */
  readonly operations: readonly string[];
  /** Decides each later request of `operation` (default: forward at once); one hook per operation. */
  intercept(operation: string, hook: (request: ProxiedRequest) => Promise<ProxyDecision>): void;
  /** Resolves once every request received so far has been answered or dropped. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startDynamoProxy(upstream: string): Promise<DynamoProxy> {
  const target = new URL(upstream);
  const operations: string[] = [];
  const hooks = new Map<string, (request: ProxiedRequest) => Promise<ProxyDecision>>();
  const sockets = new Set<Socket>();
  const pending = new Set<Promise<void>>();
  const server: Server = createServer((request, response) => {
    const handled = handle(request, response).finally(() => pending.delete(handled));
    pending.add(handled);
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await bodyOf(request);
    const header = String(request.headers['x-amz-target'] ?? '');
    const operation = header.startsWith(TARGET_PREFIX) ? header.slice(TARGET_PREFIX.length) : header;
    operations.push(operation);
    const decision = (await hooks.get(operation)?.({ operation, body })) ?? 'forward';
    if (decision === 'drop') {
      request.socket.destroy();
      return;
    }
    await new Promise<void>((resolve) => {
      const forwarded = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(response);
          answer.on('end', resolve);
          answer.on('error', resolve);
        },
      );
      // DynamoDB gone: the client sees its connection cut, as it would without the proxy.
      forwarded.on('error', () => {
        request.socket.destroy();
        resolve();
      });
      forwarded.end(body);
    });
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    operations,
    intercept(operation, hook) {
      hooks.set(operation, hook);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
