import { describe, expect, it } from 'vitest';
import { gif, jpeg, png, webp } from './__fixtures__/sample-files.js';
import { imageDimensions } from './image-dimensions.js';

describe('imageDimensions', () => {
  it('reads width and height from the header of each format', () => {
    expect(imageDimensions('png', png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageDimensions('gif', gif(320, 200))).toEqual({ width: 320, height: 200 });
    expect(imageDimensions('jpeg', jpeg(8001, 600))).toEqual({ width: 8001, height: 600 });
    expect(imageDimensions('webp', webp(1024, 768, 'VP8 '))).toEqual({ width: 1024, height: 768 });
    expect(imageDimensions('webp', webp(8000, 9, 'VP8L'))).toEqual({ width: 8000, height: 9 });
    expect(imageDimensions('webp', webp(12000, 3, 'VP8X'))).toEqual({ width: 12000, height: 3 });
  });

  it('finds a JPEG frame behind a large EXIF segment', () => {
    expect(imageDimensions('jpeg', jpeg(4000, 3000, 60_000))).toEqual({ width: 4000, height: 3000 });
  });

  it('says nothing for a truncated or foreign header rather than guessing', () => {
    expect(imageDimensions('png', png(10, 10).subarray(0, 20))).toBeUndefined();
    expect(imageDimensions('jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    expect(imageDimensions('webp', Buffer.from('RIFF\0\0\0\0WEBPXXXX'.padEnd(40, '\0')))).toBeUndefined();
    expect(imageDimensions('gif', gif(0, 10))).toBeUndefined();
  });
});
