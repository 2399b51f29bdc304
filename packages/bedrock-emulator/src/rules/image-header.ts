/**
 * Width and height from an image's first bytes, as the model's own check reads them. The
 * emulator keeps its own reader (it shares no code with @bedrock-chat/core, so that the two check
 * each other): PNG IHDR, GIF screen descriptor, JPEG start-of-frame, WebP VP8/VP8L/VP8X headers.
 */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

function jpegFrame(data: Buffer): PixelSize | undefined {
  for (let at = 2; at + 9 < data.length; ) {
    if (data[at] !== 0xff) return undefined;
    const marker = data.readUInt8(at + 1);
    if (marker === 0xff) at += 1;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
    else at += 2 + data.readUInt16BE(at + 2);
  }
  return undefined;
}

function webpFrame(data: Buffer): PixelSize | undefined {
  if (data.length < 30) return undefined;
  switch (data.toString('latin1', 12, 16)) {
    case 'VP8 ':
      return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
    case 'VP8L': {
      const bits = data.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
    default:
      return undefined;
  }
}

export function pixelSize(format: string, data: Buffer): PixelSize | undefined {
  if (format === 'png' && data.length >= 24)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (format === 'gif' && data.length >= 10)
    return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
  if (format === 'jpeg') return jpegFrame(data);
  if (format === 'webp') return webpFrame(data);
  return undefined;
}
