import type { ConverseRequest } from '../converse-request.js';
import { contentBlocks, type LocatedBlock, modelPath } from './content-walk.js';
import { pixelSize } from './image-header.js';
import { isRecord, modelError, type RequestRule } from './request-rule.js';

/** "You can include up to 20 images" (Message, Bedrock Runtime API reference). */
export const MAX_IMAGES = 20;
/**
 * 3.75 MB per image (same page). The model checks the base64 text against 5 MiB, which is
 * 3.75 MiB of raw bytes (github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/778).
 */
export const MAX_IMAGE_BASE64_BYTES = 5 * 1024 * 1024;

/**
 * "Each image's size, height, and width must be no more than 3.75 MB, 8000 px, and 8000 px"
 * (Message, Bedrock Runtime API reference).
 */
export const MAX_IMAGE_PIXELS = 8000;

function images(request: ConverseRequest): { located: LocatedBlock; bytes: unknown; format: unknown }[] {
  return [...contentBlocks(request.messages)].flatMap((located) => {
    const { image } = located.block;
    if (!isRecord(image)) return [];
    return [
      { located, bytes: isRecord(image.source) ? image.source.bytes : undefined, format: image.format },
    ];
  });
}

/** The wording AWS support reproduced (github.com/boto/boto3/issues/4632). */
export const imageCount: RequestRule = (request) =>
  images(request).length > MAX_IMAGES
    ? modelError(`messages: too many images: image_count > ${MAX_IMAGES}`)
    : null;

export const imageSize: RequestRule = (request) => {
  for (const { located, bytes } of images(request)) {
    // Bytes travel as base64 text in the JSON body; S3 sources are not measured here.
    if (typeof bytes !== 'string' || bytes.length <= MAX_IMAGE_BASE64_BYTES) continue;
    return modelError(
      `${modelPath(located)}.image.source.bytes: image exceeds 5 MB maximum: ` +
        `${bytes.length} bytes > ${MAX_IMAGE_BASE64_BYTES} bytes`,
    );
  }
  return null;
};

/**
 * The model's wording: "messages.7.content.3.image.source.base64.data: At least one of the image
 * dimensions exceed max allowed size: 8000 pixels" (github.com/anthropics/claude-code/issues/5147).
 */
export const imageDimensions: RequestRule = (request) => {
  for (const { located, bytes, format } of images(request)) {
    if (typeof bytes !== 'string' || typeof format !== 'string') continue;
    const size = pixelSize(format, Buffer.from(bytes, 'base64'));
    if (size === undefined || (size.width <= MAX_IMAGE_PIXELS && size.height <= MAX_IMAGE_PIXELS)) continue;
    return modelError(
      `${modelPath(located)}.image.source.base64.data: At least one of the image dimensions exceed max allowed size: ${MAX_IMAGE_PIXELS} pixels`,
    );
  }
  return null;
};
