import { describe, expect, it } from 'vitest';
import { Base64Schema, isBase64 } from './base64-schema.js';

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

  it('is the schema’s check, with the same message', () => {
    expect(Base64Schema.safeParse('QQ==').success).toBe(true);
    expect(Base64Schema.safeParse('not base64!').error?.issues[0]?.message).toBe('must be base64');
  });
});
