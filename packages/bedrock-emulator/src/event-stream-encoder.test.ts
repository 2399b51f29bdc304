import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeEvent, encodeException, encodeFrame } from './event-stream-encoder.js';

interface DecodedFrame {
  headers: Record<string, string>;
  payload: string;
}

/** A minimal, independent decoder: checks both CRCs and reads string headers. */
function decodeFrames(bytes: Buffer): DecodedFrame[] {
  const frames: DecodedFrame[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const totalLength = bytes.readUInt32BE(offset);
    const headersLength = bytes.readUInt32BE(offset + 4);
    expect(bytes.readUInt32BE(offset + 8)).toBe(crc32(bytes.subarray(offset, offset + 8)));
    const end = offset + totalLength;
    expect(bytes.readUInt32BE(end - 4)).toBe(crc32(bytes.subarray(offset, end - 4)));
    const headers: Record<string, string> = {};
    let cursor = offset + 12;
    const headersEnd = cursor + headersLength;
    while (cursor < headersEnd) {
      const nameLength = bytes.readUInt8(cursor);
      const name = bytes.toString('utf8', cursor + 1, cursor + 1 + nameLength);
      cursor += 1 + nameLength;
      expect(bytes.readUInt8(cursor)).toBe(7);
      const valueLength = bytes.readUInt16BE(cursor + 1);
      headers[name] = bytes.toString('utf8', cursor + 3, cursor + 3 + valueLength);
      cursor += 3 + valueLength;
    }
    frames.push({ headers, payload: bytes.toString('utf8', headersEnd, end - 4) });
    offset = end;
  }
  return frames;
}

describe('encodeFrame', () => {
  it('lays out prelude, headers, payload and CRCs big-endian', () => {
    const frame = encodeFrame({ a: 'b' }, Buffer.from('hi'));
    // 12 prelude + (1 + 1 + 1 + 2 + 1) header + 2 payload + 4 CRC
    expect(frame.length).toBe(24);
    expect(frame.readUInt32BE(0)).toBe(24);
    expect(frame.readUInt32BE(4)).toBe(6);
    expect([...frame.subarray(12, 18)]).toEqual([1, 0x61, 7, 0, 1, 0x62]);
    expect(frame.toString('utf8', 18, 20)).toBe('hi');
    expect(decodeFrames(frame)).toEqual([{ headers: { a: 'b' }, payload: 'hi' }]);
  });

  it('encodes multi-byte UTF-8 by byte length', () => {
    const [decoded] = decodeFrames(encodeFrame({ ':event-type': 'ünïcode' }, Buffer.from('😀', 'utf8')));
    expect(decoded).toEqual({ headers: { ':event-type': 'ünïcode' }, payload: '😀' });
  });

  it('handles an empty payload', () => {
    expect(decodeFrames(encodeFrame({}, Buffer.alloc(0)))).toEqual([{ headers: {}, payload: '' }]);
  });

  it('refuses header names longer than 255 bytes', () => {
    expect(() => encodeFrame({ ['x'.repeat(256)]: 'v' }, Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('encodeEvent / encodeException', () => {
  it('marks events with the three headers the SDK reads', () => {
    const frames = decodeFrames(
      Buffer.concat([
        encodeEvent('messageStart', { role: 'assistant' }),
        encodeEvent('messageStop', { stopReason: 'end_turn' }),
      ]),
    );
    expect(frames).toEqual([
      {
        headers: {
          ':event-type': 'messageStart',
          ':content-type': 'application/json',
          ':message-type': 'event',
        },
        payload: '{"role":"assistant"}',
      },
      {
        headers: {
          ':event-type': 'messageStop',
          ':content-type': 'application/json',
          ':message-type': 'event',
        },
        payload: '{"stopReason":"end_turn"}',
      },
    ]);
  });

  it('marks exceptions with :message-type exception and the camelCase type', () => {
    const [frame] = decodeFrames(encodeException('throttlingException', 'slow down'));
    expect(frame?.headers).toEqual({
      ':exception-type': 'throttlingException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    });
    expect(JSON.parse(frame?.payload ?? '')).toEqual({ message: 'slow down' });
  });
});
