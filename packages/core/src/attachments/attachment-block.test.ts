import { describe, expect, it } from 'vitest';
import { thrown } from '../store/__fixtures__/expect-failure.js';
import { docx, gif, jpeg, ole2, pdf, png, webp, xlsx, zip } from './__fixtures__/sample-files.js';
import { type AttachmentInput, attachmentBlock } from './attachment-block.js';
import { MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES } from './attachment-limits.js';

const refusal = (input: AttachmentInput) => thrown(() => attachmentBlock(input));

const formatOf = (input: AttachmentInput) => {
  const block = attachmentBlock(input);
  return 'image' in block ? ['image', block.image.format] : ['document', block.document.format];
};

describe('attachmentBlock: the type', () => {
  it('tells every binary format by its content, whatever the name says', () => {
    expect(formatOf({ bytes: png(2, 2), fileName: 'a.png' })).toEqual(['image', 'png']);
    expect(formatOf({ bytes: jpeg(2, 2), fileName: 'photo.png' })).toEqual(['image', 'jpeg']);
    expect(formatOf({ bytes: gif(2, 2) })).toEqual(['image', 'gif']);
    expect(formatOf({ bytes: webp(2, 2, 'VP8 '), fileName: 'x' })).toEqual(['image', 'webp']);
    expect(formatOf({ bytes: pdf(), fileName: 'paper' })).toEqual(['document', 'pdf']);
    expect(formatOf({ bytes: docx(), fileName: 'letter.bin' })).toEqual(['document', 'docx']);
    expect(formatOf({ bytes: xlsx() })).toEqual(['document', 'xlsx']);
    expect(formatOf({ bytes: ole2('WordDocument') })).toEqual(['document', 'doc']);
    expect(formatOf({ bytes: ole2('Workbook'), fileName: 'old.doc' })).toEqual(['document', 'xls']);
  });

  it('takes text formats from the extension or the type given, html also from its content', () => {
    const text = Buffer.from('a,b\n1,2\n');
    expect(formatOf({ bytes: text, fileName: 'data.csv' })).toEqual(['document', 'csv']);
    expect(formatOf({ bytes: text, fileName: 'notes.MD' })).toEqual(['document', 'md']);
    expect(formatOf({ bytes: text, type: 'md' })).toEqual(['document', 'md']);
    expect(formatOf({ bytes: text, fileName: 'config.json' })).toEqual(['document', 'txt']);
    expect(formatOf({ bytes: text })).toEqual(['document', 'txt']);
    expect(formatOf({ bytes: Buffer.from('\uFEFF  <!DOCTYPE html><p>hi') })).toEqual(['document', 'html']);
    expect(formatOf({ bytes: Buffer.from('<p>hi</p>'), fileName: 'page.htm' })).toEqual(['document', 'html']);
  });

  it('accepts a Uint8Array view into a larger buffer as well as a Buffer', () => {
    const whole = Buffer.concat([Buffer.from('junk'), png(3, 3)]);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.length - 4);
    const block = attachmentBlock({ bytes: view, fileName: 'dot.png' });
    expect(block).toEqual({
      image: { format: 'png', source: { bytes: png(3, 3).toString('base64') }, name: 'dot.png' },
    });
  });

  it('refuses an unknown type, naming the file and every supported type', () => {
    const error = refusal({ bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), fileName: '/bin/tool' });
    expect(error.code).toBe('ATTACHMENT_UNSUPPORTED_TYPE');
    expect(error.message).toBe('/bin/tool: not a supported type.');
    expect(error.hint).toBe(
      'Attach one of: png, jpeg, gif, webp images; pdf, csv, doc, docx, xls, xlsx, html, txt, md documents.',
    );
    expect(refusal({ bytes: Buffer.from('x'), type: 'exe' }).message).toBe(
      'the attachment: "exe" is not a type Bedrock takes.',
    );
  });

  it('refuses content that contradicts the name, an empty file, and a plain ZIP', () => {
    expect(refusal({ bytes: Buffer.from('hello'), fileName: 'paper.pdf' }).message).toBe(
      'paper.pdf: the content is plain text, not pdf.',
    );
    expect(refusal({ bytes: Buffer.from([0, 1, 2, 3]), fileName: 'x.png' }).message).toBe(
      'x.png: the content is not png (the file may be damaged or of another type).',
    );
    expect(refusal({ bytes: Buffer.alloc(0), fileName: 'empty.txt' }).message).toBe(
      'empty.txt: the file is empty.',
    );
    const archive = refusal({ bytes: zip({ 'a.txt': 'a' }), fileName: 'files.zip' });
    expect(archive.message).toBe('files.zip: a ZIP archive that is not recognisably docx or xlsx.');
  });
});

describe('attachmentBlock: the limits', () => {
  it('refuses an image over 3.75 MB and a document over 4.5 MB, naming file, size and limit', () => {
    const bigImage = Buffer.concat([png(10, 10), Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(refusal({ bytes: bigImage, fileName: 'big.png' })).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      message: 'big.png: 3.75 MB is more than Bedrock takes for an image (3.75 MB).',
    });
    const bigText = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a');
    expect(refusal({ bytes: bigText, fileName: 'log.txt' }).message).toBe(
      'log.txt: 4.5 MB is more than Bedrock takes for a document (4.5 MB).',
    );
    expect(
      attachmentBlock({ bytes: Buffer.alloc(MAX_DOCUMENT_BYTES, 'a'), fileName: 'ok.txt' }),
    ).toBeDefined();
  });

  it('refuses an image wider or higher than 8000 px, read from its header', () => {
    expect(attachmentBlock({ bytes: png(8000, 1), fileName: 'wide.png' })).toBeDefined();
    expect(refusal({ bytes: png(8001, 1), fileName: 'wider.png' })).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      message: 'wider.png: 8001×1 px is more than Bedrock takes (8000 px a side).',
      hint: 'Scale the image to at most 8000 px wide and high.',
    });
    expect(refusal({ bytes: jpeg(10, 9000), fileName: 'tall.jpg' }).message).toContain('10×9000 px');
  });

  it('refuses an image whose size cannot be read', () => {
    const damaged = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(refusal({ bytes: damaged, fileName: 'cut.png' }).message).toBe(
      "cut.png: the png image's size cannot be read (the file may be damaged).",
    );
  });

  it('names documents in Bedrock’s alphabet', () => {
    expect(attachmentBlock({ bytes: pdf(), fileName: '/tmp/My_Paper.v3.pdf' })).toMatchObject({
      document: { name: 'My Paper v3', format: 'pdf' },
    });
  });
});
