import { describe, expect, it } from 'vitest';
import { Base64Schema, encodeBase64, isBase64 } from './base64-schema.js';

const REGEX = /^[A-Za-z0-9+/]*={0,2}$/;

describe('isBase64', () => {
  it('says what the base64 regular expression says', () => {
    const cases = ['', 'QQ==', 'QUI=', 'QUJD', 'a===', '=', '==', 'a=b', 'ab c', 'ab\n', 'é', 'ab-_', '+/+/'];
    for (const text of cases) expect(isBase64(text), JSON.stringify(text)).toBe(REGEX.test(text));
  });

  it('checks every character of a large file’s base64, and refuses one bad character anywhere', () => {
    const text = Buffer.alloc(1024 * 1024, 0xa7).toString('base64');
    expect(isBase64(text)).toBe(true);
    expect(isBase64(`${text.slice(0, 5000)}*${text.slice(5000)}`)).toBe(false);
  });

  it('remembers a long string found to be base64, never one like it with a bad character', () => {
    const text = Buffer.alloc(512 * 1024, 0x5c).toString('base64');
    const damaged = `${text.slice(0, -10)}*${text.slice(-9)}`;
    expect([isBase64(text), isBase64(damaged), isBase64(text), isBase64(damaged)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('encodes only the bytes a view shows, as Buffer does', () => {
    const bytes = Buffer.from('0123456789abcdef');
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 3, 7);
    expect(encodeBase64(view)).toBe(Buffer.from('3456789').toString('base64'));
    const large = Buffer.alloc(300 * 1024, 0xa1);
    expect(isBase64(encodeBase64(large))).toBe(true);
    expect(encodeBase64(large)).toBe(large.toString('base64'));
  });

  it('is the schema’s check, with the same message', () => {
    expect(Base64Schema.safeParse('QQ==').success).toBe(true);
    expect(Base64Schema.safeParse('not base64!').error?.issues[0]?.message).toBe('must be base64');
  });
});
