import { createHash } from 'node:crypto';
import type { ConverseRequest } from './converse-request.js';
import { contentBlocks } from './rules/content-walk.js';
import { pixelSize } from './rules/image-header.js';
import { isRecord } from './rules/request-rule.js';

/** The first 16 hex digits of the SHA-256 of the bytes: enough for a test to tell files apart. */
export function shortHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function inlineBytes(source: unknown): Buffer | undefined {
  if (!isRecord(source)) return undefined;
  if (typeof source.bytes === 'string') return Buffer.from(source.bytes, 'base64');
  if (typeof source.text === 'string') return Buffer.from(source.text);
  return undefined;
}

function describe(kind: string, format: unknown, bytes: Buffer | undefined): string {
  const size = bytes === undefined ? 'not inline' : `${bytes.length} bytes`;
  let line = `${kind} ${String(format)}, ${size}`;
  if (kind === 'image' && bytes !== undefined) {
    const pixels = pixelSize(String(format), bytes);
    if (pixels) line += `, ${pixels.width}x${pixels.height}`;
  }
  return bytes === undefined ? line : `${line}, sha256 ${shortHash(bytes)}`;
}

/**
 * What the model received besides text, one line per image or document of the request (history
 * included), so end-to-end tests can assert what a client sent:
 * `[message 1: image png, 1234 bytes, 640x480, sha256 0123456789abcdef]`,
 * `[message 1: document "report" pdf, 5120 bytes, sha256 …]`. Empty for a text-only request.
 */
export function mediaSummary(request: Pick<ConverseRequest, 'messages'>): string {
  const lines: string[] = [];
  for (const { block, messageIndex } of contentBlocks(request.messages)) {
    const where = `message ${messageIndex + 1}`;
    if (isRecord(block.image)) {
      lines.push(`[${where}: ${describe('image', block.image.format, inlineBytes(block.image.source))}]`);
    } else if (isRecord(block.document)) {
      const { name, format, source } = block.document;
      const kind = `document ${JSON.stringify(String(name))}`;
      lines.push(`[${where}: ${describe(kind, format ?? 'txt', inlineBytes(source))}]`);
    }
  }
  return lines.join('\n');
}
