import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { createHttpExchange, type HttpExchange } from './http-exchange.js';

/** The client connection preface that opens every HTTP/2 connection with prior knowledge (h2c). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface DualProtocolServer {
  readonly port: number;
  readonly host: string;
  /** Stops listening and destroys every open connection, HTTP/2 sessions included. */
  close(): Promise<void>;
}

export interface DualProtocolServerOptions {
  readonly port: number;
  readonly host: string;
  readonly onExchange: (exchange: HttpExchange) => void;
}

/**
 * Serves HTTP/1.1 and h2c on one port. The AWS SDK's default handler speaks HTTP/2 with prior
 * knowledge on http:// endpoints while fetch-based clients speak HTTP/1.1, so each connection's
 * first bytes decide which server gets it.
 */
export async function listenDualProtocol(options: DualProtocolServerOptions): Promise<DualProtocolServer> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  const http1 = createHttpServer((request, response) =>
    options.onExchange(createHttpExchange(request, response)),
  );
  const http2 = createHttp2Server((request, response) =>
    options.onExchange(createHttpExchange(request, response)),
  );
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Resets by clients (e.g. a test dropping its connection) must not crash the emulator.
    socket.on('error', () => undefined);
    routeByPreface(socket, (isHttp2) => (isHttp2 ? http2 : http1).emit('connection', socket));
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    port,
    host: options.host,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * Reads just enough bytes to tell the HTTP/2 preface from an HTTP/1.1 request line, then puts
 * them back with `unshift` before anything else listens, so either server sees the whole stream.
 * (http2 reads buffered bytes of an already-read socket before consuming its native handle.)
 */
function routeByPreface(socket: Socket, route: (isHttp2: boolean) => void): void {
  let buffered = Buffer.alloc(0);
  const onReadable = () => {
    for (let chunk: Buffer | null = socket.read(); chunk !== null; chunk = socket.read()) {
      buffered = Buffer.concat([buffered, chunk]);
    }
    const compared = Math.min(buffered.length, HTTP2_PREFACE.length);
    const matchesSoFar = buffered.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
    if (matchesSoFar && buffered.length < HTTP2_PREFACE.length) {
      if (socket.readableEnded) socket.destroy();
      return;
    }
    socket.off('readable', onReadable);
    socket.off('end', onEnd);
    socket.unshift(buffered);
    route(matchesSoFar);
  };
  const onEnd = () => socket.destroy();
  socket.on('readable', onReadable);
  socket.once('end', onEnd);
}
