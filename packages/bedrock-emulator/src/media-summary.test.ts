import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mediaSummary } from './media-summary.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

describe('mediaSummary', () => {
  it('is empty for text alone', () => {
    expect(mediaSummary({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] })).toBe('');
  });

  it('lists every image and document of the request, history included, with size and hash', () => {
    const gif = Buffer.from('GIF89a\x40\x01\xc8\x00\x00\x00\x00;', 'latin1');
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const summary = mediaSummary({
      messages: [
        {
          role: 'user',
          content: [
            { document: { name: 'paper', format: 'pdf', source: { bytes: pdf.toString('base64') } } },
            { text: 'a' },
          ],
        },
        { role: 'assistant', content: [{ text: 'b' }] },
        {
          role: 'user',
          content: [
            { image: { format: 'gif', source: { bytes: gif.toString('base64') } } },
            { image: { format: 'png', source: { s3Location: { uri: 's3://b/k.png' } } } },
            { document: { name: 'inline', source: { text: 'abc' } } },
            { text: 'c' },
          ],
        },
      ],
    });
    expect(summary.split('\n')).toEqual([
      `[message 1: document "paper" pdf, ${pdf.length} bytes, sha256 ${sha(pdf)}]`,
      `[message 3: image gif, ${gif.length} bytes, 320x200, sha256 ${sha(gif)}]`,
      '[message 3: image png, not inline]',
      `[message 3: document "inline" txt, 3 bytes, sha256 ${sha(Buffer.from('abc'))}]`,
    ]);
  });
});
