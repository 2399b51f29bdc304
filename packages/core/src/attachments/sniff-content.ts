import type { AttachmentFormat, DocumentFormat } from './attachment-formats.js';

/**
 * What the bytes say a file is. Binary formats carry a signature ("magic bytes"); Office files
 * share two containers (OLE2 for doc/xls, ZIP for docx/xlsx), told apart by what they hold; plain
 * text has none, so only the extension can say whether it is csv, md or txt.
 */
export type SniffedContent =
  | { readonly kind: 'format'; readonly format: AttachmentFormat }
  | {
      readonly kind: 'container';
      readonly container: 'ole2' | 'zip';
      readonly formats: readonly DocumentFormat[];
    }
  | { readonly kind: 'text'; readonly looksLikeHtml: boolean }
  | { readonly kind: 'unknown' };

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));
const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');

// Signatures: PNG spec §5.2; JPEG SOI + marker (ITU T.81); GIF87a/89a; RIFF…WEBP (RFC 9649 §2);
// "%PDF-" (ISO 32000 §7.5.2); the OLE2 compound file header (MS-CFB §2.2); a ZIP local header.
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** How much of a file is looked at to decide whether it is text. */
const TEXT_SAMPLE_BYTES = 64 * 1024;

function isText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  if (sample.includes(0)) return false;
  try {
    // `stream: true`: a character cut in two at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return /^<(!doctype html|html[\s>])/i.test(head);
}

/** docx and xlsx are ZIPs whose parts live under `word/` and `xl/` (ECMA-376 Part 1, §11 and §12). */
function zipFormats(buffer: Buffer): readonly DocumentFormat[] {
  if (buffer.includes('word/')) return ['docx'];
  if (buffer.includes('xl/')) return ['xlsx'];
  return ['docx', 'xlsx'];
}

/** doc and xls keep their text in a stream named `WordDocument` or `Workbook` ([MS-DOC], [MS-XLS]). */
function ole2Formats(buffer: Buffer): readonly DocumentFormat[] {
  if (buffer.includes(utf16le('WordDocument'))) return ['doc'];
  if (buffer.includes(utf16le('Workbook')) || buffer.includes(utf16le('Book'))) return ['xls'];
  return ['doc', 'xls'];
}

export function sniffContent(bytes: Uint8Array): SniffedContent {
  const image = (format: 'png' | 'jpeg' | 'gif' | 'webp'): SniffedContent => ({
    kind: 'format',
    format: { kind: 'image', format },
  });
  if (startsWith(bytes, PNG)) return image('png');
  if (startsWith(bytes, JPEG)) return image('jpeg');
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return image('gif');
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return image('webp');
  if (startsWith(bytes, ascii('%PDF-')))
    return { kind: 'format', format: { kind: 'document', format: 'pdf' } };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, OLE2)) return { kind: 'container', container: 'ole2', formats: ole2Formats(buffer) };
  if (startsWith(bytes, ZIP)) return { kind: 'container', container: 'zip', formats: zipFormats(buffer) };
  if (isText(bytes)) return { kind: 'text', looksLikeHtml: looksLikeHtml(bytes) };
  return { kind: 'unknown' };
}
