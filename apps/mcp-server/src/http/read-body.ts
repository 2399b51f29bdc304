import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { kind: 'ok'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'invalid-json' }
  /** The connection closed before the body ended: the client gave up, or the request timeout hit. */
  | { kind: 'aborted' };

/**
 * Reads a JSON body of at most `limitBytes`. A declared `Content-Length` above the limit is refused
 * before reading; a streamed body is refused as soon as it passes the limit, and nothing beyond it
 * is buffered. The caller answers 413 and closes the connection (the rest is never read). A body
 * cut off by the client is a result, not an error: it is routine, and says nothing about the server.
 */
export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAborted);
      request.off('close', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        request.pause();
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve({ kind: 'ok', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ kind: 'invalid-json' });
      }
    };
    const onAborted = () => {
      cleanup();
      resolve({ kind: 'aborted' });
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAborted);
    request.on('close', onAborted);
  });
}
