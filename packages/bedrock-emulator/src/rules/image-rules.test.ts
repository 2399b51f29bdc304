import { describe, expect, it } from 'vitest';
import { refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { imageCount, imageDimensions, imageSize, MAX_IMAGE_BASE64_BYTES } from './image-rules.js';

const image = (bytes = 'iVBORw0KGgo=') => ({ image: { format: 'png', source: { bytes } } });
const withImages = (count: number) =>
  request({ messages: [user(...Array.from({ length: count }, () => image()), text('Describe.'))] });

describe('imageCount', () => {
  it('accepts 20 images and refuses 21, as the model does', () => {
    expect(refusal(imageCount, withImages(20))).toBeNull();
    expect(refusal(imageCount, withImages(21))).toBe(
      'The model returned the following errors: messages: too many images: image_count > 20',
    );
  });
});

describe('imageSize', () => {
  it('accepts 3.75 MiB of image (5 MiB of base64) and refuses one byte more, naming the block', () => {
    const atLimit = 'A'.repeat(MAX_IMAGE_BASE64_BYTES);
    expect(refusal(imageSize, request({ messages: [user(text('look'), image(atLimit))] }))).toBeNull();
    const over = `${atLimit}AAAA`;
    expect(refusal(imageSize, request({ messages: [user(text('look'), image(over))] }))).toBe(
      'The model returned the following errors: messages.0.content.1.image.source.bytes: ' +
        `image exceeds 5 MB maximum: ${over.length} bytes > 5242880 bytes`,
    );
  });
});

describe('imageDimensions', () => {
  const png = (width: number, height: number) => {
    const header = Buffer.alloc(24);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    header.writeUInt32BE(width, 16);
    header.writeUInt32BE(height, 20);
    return image(header.toString('base64'));
  };
  const webpVp8x = (width: number, height: number) => {
    const data = Buffer.alloc(30);
    data.write('RIFF', 0, 'latin1');
    data.write('WEBPVP8X', 8, 'latin1');
    data.writeUIntLE(width - 1, 24, 3);
    data.writeUIntLE(height - 1, 27, 3);
    return { image: { format: 'webp', source: { bytes: data.toString('base64') } } };
  };

  it('accepts 8000 px a side and refuses one more in either direction, in the model’s words', () => {
    expect(refusal(imageDimensions, request({ messages: [user(text('look'), png(8000, 8000))] }))).toBeNull();
    expect(refusal(imageDimensions, request({ messages: [user(text('look'), png(10, 8001))] }))).toBe(
      'The model returned the following errors: messages.0.content.1.image.source.base64.data: ' +
        'At least one of the image dimensions exceed max allowed size: 8000 pixels',
    );
    expect(
      refusal(imageDimensions, request({ messages: [user(webpVp8x(9000, 2), text('look'))] })),
    ).toContain('messages.0.content.0.image');
  });
});
