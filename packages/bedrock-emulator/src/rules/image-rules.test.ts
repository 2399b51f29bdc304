import { describe, expect, it } from 'vitest';
import { refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { imageCount, imageSize, MAX_IMAGE_BASE64_BYTES } from './image-rules.js';

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
