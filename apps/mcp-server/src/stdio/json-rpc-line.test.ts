import { describe, expect, it } from 'vitest';
import { oversizedLineReply, parseJsonRpcLine } from './json-rpc-line.js';

describe('parseJsonRpcLine', () => {
  it('passes a JSON-RPC message through', () => {
    expect(parseJsonRpcLine('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toEqual({
      kind: 'message',
      message: { jsonrpc: '2.0', id: 1, method: 'ping' },
    });
  });

  it('answers text that is not JSON with -32700 and a null id', () => {
    expect(parseJsonRpcLine('{"jsonrpc":"2.0","id":1,')).toEqual({
      kind: 'invalid',
      replies: [{ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.any(String) } }],
    });
  });

  it('answers each request of a batch with -32600 under its own id', () => {
    const parsed = parseJsonRpcLine(
      '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":"b","method":"ping"}]',
    );
    expect(parsed).toMatchObject({
      kind: 'invalid',
      replies: [
        { id: 1, error: { code: -32600, message: expect.stringContaining('batches are not supported') } },
        { id: 'b', error: { code: -32600 } },
      ],
    });
  });

  it.each([
    ['[]', null],
    ['{"foo":1}', null],
    ['"text"', null],
    ['{"jsonrpc":"1.0","id":5,"method":"ping"}', 5],
    ['{"jsonrpc":"2.0","id":6}', 6],
  ])('answers %s with -32600 and id %s', (line, id) => {
    expect(parseJsonRpcLine(line)).toEqual({
      kind: 'invalid',
      replies: [{ jsonrpc: '2.0', id, error: { code: -32600, message: expect.any(String) } }],
    });
  });
});

describe('oversizedLineReply', () => {
  it.each([7, 'abc', null])('answers -32600 with the id the scan found (%j), naming the limit', (id) => {
    expect(oversizedLineReply(id, 1024)).toEqual({
      jsonrpc: '2.0',
      id,
      error: { code: -32600, message: expect.stringContaining('limit of 1024 bytes') },
    });
  });
});
