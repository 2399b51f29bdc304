import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { StdioLineTransport } from './stdio-transport.js';

function lines(output: PassThrough): string[] {
  return (output.read()?.toString('utf8') ?? '').split('\n').filter(Boolean);
}

describe('StdioLineTransport', () => {
  it('tracks requests until their reply is written; a cancellation ends the wait too', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const transport = new StdioLineTransport({ input, output });
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    input.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
    expect(received).toHaveLength(2);
    expect(transport.unanswered).toBe(2);
    const idle = vi.fn();
    void transport.whenIdle().then(idle);
    await transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    expect(transport.unanswered).toBe(1);
    input.write('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":2}}\n');
    await vi.waitFor(() => expect(idle).toHaveBeenCalled());
    expect(lines(output)).toEqual(['{"jsonrpc":"2.0","id":1,"result":{}}']);
  });

  it('waits for every call of an id a client sent twice, not only the first reply', async () => {
    const input = new PassThrough();
    const transport = new StdioLineTransport({ input, output: new PassThrough() });
    await transport.start();
    input.write('{"jsonrpc":"2.0","id":7,"method":"ping"}\n{"jsonrpc":"2.0","id":7,"method":"ping"}\n');
    expect(transport.unanswered).toBe(2);
    const idle = vi.fn();
    void transport.whenIdle().then(idle);
    await transport.send({ jsonrpc: '2.0', id: 7, result: {} });
    expect(transport.unanswered).toBe(1);
    expect(idle).not.toHaveBeenCalled();
    await transport.send({ jsonrpc: '2.0', id: 7, result: {} });
    await vi.waitFor(() => expect(idle).toHaveBeenCalled());
    expect(transport.unanswered).toBe(0);
  });

  it('reports the end of input after handling a last line without a newline', async () => {
    const input = new PassThrough();
    const transport = new StdioLineTransport({ input, output: new PassThrough() });
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    input.end('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    await transport.inputEnded;
    expect(received).toEqual([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
  });

  it('fails the requests it sent the client once stdin ends, those awaiting an answer and later ones', async () => {
    const input = new PassThrough();
    const transport = new StdioLineTransport({ input, output: new PassThrough() });
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id: 0, method: 'roots/list' });
    await transport.send({ jsonrpc: '2.0', id: 1, method: 'roots/list' });
    input.write('{"jsonrpc":"2.0","id":1,"result":{"roots":[]}}\n');
    input.end();
    await transport.inputEnded;
    const gone = 'the client closed stdin, so it can no longer answer';
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 1, result: { roots: [] } },
      { jsonrpc: '2.0', id: 0, error: { code: -32000, message: gone } },
    ]);
    await expect(transport.send({ jsonrpc: '2.0', id: 2, method: 'roots/list' })).rejects.toThrow(gone);
  });

  it('stops, without throwing, when stdout is closed under it', async () => {
    const input = new PassThrough();
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const log = vi.fn();
    const transport = new StdioLineTransport({ input, output, log });
    const closed = vi.fn();
    transport.onclose = closed;
    await transport.start();
    input.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    await transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
    expect(log).toHaveBeenCalledWith(expect.stringContaining('stdout closed (EPIPE)'));
    await transport.whenIdle();
  });
});
