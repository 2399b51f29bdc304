import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';

/**
 * One request/response pair, the same for HTTP/1.1 and HTTP/2 so the Bedrock handlers never
 * see which transport carried it.
 */
export interface HttpExchange {
  readonly method: string;
  /** Path as sent, still percent-encoded, without the query string. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Lower-case names; HTTP/2 pseudo-headers dropped (`:authority` becomes `host`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly httpVersion: '1.1' | '2';
  /** Aborted when the client goes away before the response is complete. */
  readonly signal: AbortSignal;
  readBody(): Promise<Buffer>;
  writeHead(status: number, headers: Readonly<Record<string, string>>): void;
  /**
   * Writes and waits until the transport has taken the bytes, so long streams respect
   * backpressure and a later `destroyConnection` cannot swallow what was already "sent".
   */
  write(chunk: Buffer): Promise<void>;
  end(chunk?: Buffer): void;
  /**
   * Kills the response like a network failure: `connection` closes the TCP connection (every
   * HTTP/2 stream on it dies); `stream` resets only this HTTP/2 stream (RST_STREAM
   * INTERNAL_ERROR), which on HTTP/1.1 is the same as closing the connection.
   */
  destroyConnection(scope?: 'connection' | 'stream'): void;
}

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

function flattenHeaders(request: AnyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const flat = Array.isArray(value) ? value.join(', ') : value;
    if (name === ':authority') headers.host ??= flat;
    else if (!name.startsWith(':')) headers[name] = flat;
  }
  return headers;
}

/** Wraps a request/response pair from `node:http` or the `node:http2` compatibility API. */
export function createHttpExchange(request: AnyRequest, response: AnyResponse): HttpExchange {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const clientGone = new AbortController();
  response.on('close', () => {
    if (!response.writableEnded) clientGone.abort();
  });
  const isHttp2 = 'stream' in response;

  return {
    method: request.method ?? 'GET',
    rawPath: queryStart === -1 ? url : url.slice(0, queryStart),
    query: new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)),
    headers: flattenHeaders(request),
    httpVersion: isHttp2 ? '2' : '1.1',
    signal: clientGone.signal,
    async readBody() {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    writeHead(status, headers) {
      // Both variants accept (status, headers); the union just hides the shared signature.
      (response as ServerResponse).writeHead(status, headers);
    },
    async write(chunk) {
      const { signal } = clientGone;
      if (signal.aborted) return;
      await new Promise<void>((resolve) => {
        // A client that leaves mid-write may never let the callback fire; stop waiting then.
        const onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        (response as ServerResponse).write(chunk, () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
    end(chunk) {
      if (chunk === undefined) response.end();
      else (response as ServerResponse).end(chunk);
    },
    destroyConnection(scope = 'connection') {
      if (!isHttp2) request.socket.destroy();
      else if (scope === 'stream')
        (response as Http2ServerResponse).stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      else (response as Http2ServerResponse).stream.session?.destroy();
    },
  };
}
