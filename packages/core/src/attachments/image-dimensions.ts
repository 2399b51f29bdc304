import type { ImageFormat } from './attachment-formats.js';

export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}
function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}
function u24le(bytes: Uint8Array, at: number): number {
  return u16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);
}
function u32be(bytes: Uint8Array, at: number): number {
  return u16be(bytes, at) * 0x10000 + u16be(bytes, at + 2);
}

/** IHDR is the first chunk: width and height, 4 bytes each, at offset 16 (PNG spec §11.2.2). */
function png(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 24) return undefined;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

/** The logical screen descriptor follows the 6-byte signature (GIF89a spec §18). */
function gif(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 10) return undefined;
  return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

/** Walks the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC; ITU T.81 B.2). */
function jpeg(bytes: Uint8Array): ImageDimensions | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes, and markers without a length (RSTn, TEM).
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    at += 2 + u16be(bytes, at + 2);
  }
  return undefined;
}

/** The first chunk after `RIFF size WEBP` is VP8, VP8L or VP8X (RFC 9649 §2.5–2.7). */
function webp(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = u16le(bytes, 21) + (bytes[23] ?? 0) * 0x10000 + (bytes[24] ?? 0) * 0x1000000;
    return { width: (bits & 0x3fff) + 1, height: (Math.floor(bits / 0x4000) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  return undefined;
}

const READERS: Record<ImageFormat, (bytes: Uint8Array) => ImageDimensions | undefined> = {
  png,
  gif,
  jpeg,
  webp,
};

/** Width and height from the image's header, without decoding it; undefined when unreadable. */
export function imageDimensions(format: ImageFormat, bytes: Uint8Array): ImageDimensions | undefined {
  const dimensions = READERS[format](bytes);
  return dimensions && dimensions.width > 0 && dimensions.height > 0 ? dimensions : undefined;
}
