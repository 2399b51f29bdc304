import { request as http1Request } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DualProtocolServer, listenDualProtocol } from './dual-protocol-server.js';
import type { HttpExchange } from './http-exchange.js';

let server: DualProtocolServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers every request with what it saw, so tests can check both transports see the same. */
async function startEchoServer(): Promise<DualProtocolServer> {
  server = await listenDualProtocol({
    port: 0,
    host: '127.0.0.1',
    onExchange: (exchange: HttpExchange) => {
      void exchange.readBody().then((body) => {
        const payload = Buffer.from(
          JSON.stringify({
            version: exchange.httpVersion,
            method: exchange.method,
            path: exchange.rawPath,
            query: exchange.query.get('q'),
            host: exchange.headers.host,
            body: body.toString('utf8'),
          }),
        );
        exchange.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(payload.length),
        });
        exchange.end(payload);
      });
    },
  });
  return server;
}

function viaHttp1(port: number, path: string, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http1Request({ host: '127.0.0.1', port, path, method: 'POST' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function viaHttp2(port: number, path: string, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': path });
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      session.close();
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

describe('listenDualProtocol', () => {
  it('serves HTTP/1.1 and h2c on the same port, with the raw path intact', async () => {
    const { port } = await startEchoServer();
    const path = '/model/us.x%3A0/converse?q=1';
    expect(await viaHttp1(port, path, 'one')).toEqual({
      version: '1.1',
      method: 'POST',
      path: '/model/us.x%3A0/converse',
      query: '1',
      host: `127.0.0.1:${port}`,
      body: 'one',
    });
    expect(await viaHttp2(port, path, 'two')).toEqual({
      version: '2',
      method: 'POST',
      path: '/model/us.x%3A0/converse',
      query: '1',
      host: `127.0.0.1:${port}`,
      body: 'two',
    });
  });

  it('routes a connection whose preface arrives in small pieces', async () => {
    const { port } = await startEchoServer();
    const socket = tcpConnect(port, '127.0.0.1');
    const response = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('"body":"hi"')) resolve(text);
      });
    });
    // "P" could still begin the HTTP/2 preface ("PRI * …"): the server must wait for more bytes.
    socket.write('P');
    await new Promise((resolve) => setTimeout(resolve, 5));
    socket.write('OST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi');
    expect(await response).toMatch(/^HTTP\/1\.1 200 OK/);
    socket.destroy();
  });

  it('closes while an HTTP/2 session is still open', async () => {
    const { port } = await startEchoServer();
    const session = http2Connect(`http://127.0.0.1:${port}`);
    const closed = new Promise((resolve) => session.once('close', resolve));
    session.on('error', () => undefined);
    await new Promise((resolve) => session.once('connect', resolve));
    await server?.close();
    server = undefined;
    await closed;
    expect(session.destroyed).toBe(true);
  });
});
