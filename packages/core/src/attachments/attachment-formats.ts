import type { DocumentBlock, ImageBlock } from '../messages/content-block-schemas.js';

export type ImageFormat = ImageBlock['image']['format'];
export type DocumentFormat = NonNullable<DocumentBlock['document']['format']>;
/** What a file becomes: an image block or a document block, and its Converse format. */
export type AttachmentFormat =
  | { readonly kind: 'image'; readonly format: ImageFormat }
  | { readonly kind: 'document'; readonly format: DocumentFormat };

/**
 * The formats Converse takes (ImageBlock and DocumentBlock, Bedrock Runtime API reference):
 * images png | jpeg | gif | webp, documents pdf | csv | doc | docx | xls | xlsx | html | txt | md.
 */
export const IMAGE_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'gif', 'webp'];
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  'pdf',
  'csv',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'html',
  'txt',
  'md',
];
/** Documents that are plain text: their content cannot tell them apart, the extension does. */
export const TEXT_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['csv', 'html', 'txt', 'md'];

const EXTENSIONS: Readonly<Record<string, AttachmentFormat>> = {
  png: { kind: 'image', format: 'png' },
  jpg: { kind: 'image', format: 'jpeg' },
  jpeg: { kind: 'image', format: 'jpeg' },
  gif: { kind: 'image', format: 'gif' },
  webp: { kind: 'image', format: 'webp' },
  pdf: { kind: 'document', format: 'pdf' },
  csv: { kind: 'document', format: 'csv' },
  doc: { kind: 'document', format: 'doc' },
  docx: { kind: 'document', format: 'docx' },
  xls: { kind: 'document', format: 'xls' },
  xlsx: { kind: 'document', format: 'xlsx' },
  html: { kind: 'document', format: 'html' },
  htm: { kind: 'document', format: 'html' },
  txt: { kind: 'document', format: 'txt' },
  text: { kind: 'document', format: 'txt' },
  md: { kind: 'document', format: 'md' },
  markdown: { kind: 'document', format: 'md' },
};

/** The supported types, for error messages: "png, jpeg, gif, webp images; pdf, … documents". */
export const SUPPORTED_TYPES_TEXT = `${IMAGE_FORMATS.join(', ')} images; ${DOCUMENT_FORMATS.join(', ')} documents`;

/** `report.final.PDF` → `pdf`; none for a name without a dot. */
export function extensionOf(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : base.slice(dot + 1).toLowerCase();
}

/** The format an extension (`jpg`, `.md`) or format name (`jpeg`) names, if supported. */
export function formatForExtension(extension: string | undefined): AttachmentFormat | undefined {
  if (extension === undefined) return undefined;
  const key = extension.replace(/^\./, '').toLowerCase();
  return Object.hasOwn(EXTENSIONS, key) ? EXTENSIONS[key] : undefined;
}
