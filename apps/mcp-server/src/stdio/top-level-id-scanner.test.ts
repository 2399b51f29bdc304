import { describe, expect, it } from 'vitest';
import { TopLevelIdScanner } from './top-level-id-scanner.js';

/** The id found when `text` arrives in chunks of `size` bytes. */
function scan(text: string, size = Number.POSITIVE_INFINITY): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new TopLevelIdScanner();
  const step = Number.isFinite(size) ? size : bytes.length;
  for (let offset = 0; offset < bytes.length; offset += step)
    scanner.push(bytes.subarray(offset, offset + step));
  return scanner.id;
}

describe('TopLevelIdScanner', () => {
  it.each([
    ['{"jsonrpc":"2.0","id":7,"method":"x"}', 7],
    ['{"method":"tools/call","params":{"a":"zzz"},"id":"abc","jsonrpc":"2.0"}', 'abc'],
    ['{"method":"x","params":{"prompt":"has \\"id\\":1 in it","id":2},"id":-3.5}', -3.5],
    ['{ "params" : [ {"id":1} ] , "id" : "a\\"b" }', 'a"b'],
    ['{"idx":1,"xid":2,"id":null}', null],
    ['{"method":"x","params":{"id":3}}', null],
    ['[{"id":1}]', null],
    ['"id":1', null],
    ['{"params":{"a":"é—✓"},"id":"ünï"}', 'ünï'],
  ])('finds the top-level id of %s → %j, in one chunk and split at every byte', (text, id) => {
    expect(scan(text)).toEqual(id);
    expect(scan(text, 1)).toEqual(id);
    expect(scan(text, 3)).toEqual(id);
  });

  it('finds an id in the middle of a 12 MiB object, holding no copy of it', () => {
    const filler = 'x'.repeat(6 * 1024 * 1024);
    const text = `{"jsonrpc":"2.0","method":"tools/call","params":{"arguments":{"prompt":"${filler}"}},"id":42,"extra":"${filler}"}`;
    expect(scan(text, 64 * 1024)).toBe(42);
  });

  it('gives up on an id value too long to be one', () => {
    expect(scan(`{"id":"${'a'.repeat(1000)}"}`)).toBeNull();
  });
});
