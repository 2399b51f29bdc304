import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('LineSplitter', () => {
  it('splits lines across chunks, drops \\r and blank lines, and keeps a last line without newline', () => {
    const splitter = new LineSplitter(100);
    expect(splitter.push(bytes('{"a":'))).toEqual([]);
    expect(splitter.push(bytes('1}\r\n\n  \n{"b":2}\n{"c"'))).toEqual([
      { kind: 'line', text: '{"a":1}' },
      { kind: 'line', text: '{"b":2}' },
    ]);
    expect(splitter.end()).toEqual([{ kind: 'line', text: '{"c"' }]);
  });

  it('skips a line over the limit up to its newline, finding its top-level id, and reads the next one', () => {
    const splitter = new LineSplitter(1000);
    const long = `{"method":"x","params":{"id":"nested","a":"${'x'.repeat(1500)}"},"id":42,"b":"${'y'.repeat(1500)}"}`;
    const events = [
      ...splitter.push(bytes(long.slice(0, 1500))),
      ...splitter.push(bytes(`${long.slice(1500)}\n{"ok":true}\n`)),
    ];
    expect(events).toEqual([
      { kind: 'too-long', bytes: long.length, id: 42 },
      { kind: 'line', text: '{"ok":true}' },
    ]);
  });

  it('reports a line over the limit that ends with the input', () => {
    const splitter = new LineSplitter(10);
    expect(splitter.push(bytes('0123456789abcdef'))).toEqual([]);
    expect(splitter.end()).toEqual([{ kind: 'too-long', bytes: 16, id: null }]);
  });
});
