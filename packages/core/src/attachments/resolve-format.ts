import { attachmentError } from './attachment-errors.js';
import {
  type AttachmentFormat,
  extensionOf,
  formatForExtension,
  SUPPORTED_TYPES_TEXT,
  TEXT_DOCUMENT_FORMATS,
} from './attachment-formats.js';
import { sniffContent } from './sniff-content.js';

export interface FormatQuestion {
  readonly bytes: Uint8Array;
  /** How the file is called in messages: its path, or `stdin`. */
  readonly label: string;
  readonly fileName?: string | undefined;
  /** What the caller says it is (`pdf`, `md`, `jpg` …), for content that cannot tell. */
  readonly type?: string | undefined;
}

const SUPPORTED_HINT = `Attach one of: ${SUPPORTED_TYPES_TEXT}.`;

function unsupported(label: string, what: string, hint = SUPPORTED_HINT) {
  return attachmentError('ATTACHMENT_UNSUPPORTED_TYPE', `${label}: ${what}.`, hint, { file: label });
}

/**
 * The block a file becomes, from its content first: binary formats carry signatures, and a file
 * named `.png` that holds a JPEG goes as the JPEG it is (the model refuses a mismatched format).
 * Where content cannot decide (text, an Office container) the type given or the extension does;
 * text with any other extension (`.json`, `.log`, none) goes as txt.
 */
export function resolveFormat(question: FormatQuestion): AttachmentFormat {
  const { bytes, label } = question;
  const declared = question.type ?? extensionOf(question.fileName ?? '');
  const named = formatForExtension(declared);
  if (question.type !== undefined && named === undefined) {
    throw unsupported(label, `"${question.type}" is not a type Bedrock takes`);
  }
  if (bytes.length === 0) throw unsupported(label, 'the file is empty', 'Attach a file with content.');
  const sniffed = sniffContent(bytes);
  switch (sniffed.kind) {
    case 'format':
      return sniffed.format;
    case 'container': {
      if (named?.kind === 'document' && sniffed.formats.includes(named.format)) return named;
      const [only, ...others] = sniffed.formats;
      if (only !== undefined && others.length === 0) return { kind: 'document', format: only };
      const box = sniffed.container === 'zip' ? 'a ZIP archive' : 'an OLE2 compound file';
      throw unsupported(
        label,
        `${box} that is not recognisably ${sniffed.formats.join(' or ')}`,
        `Name the type (${sniffed.formats.join(' or ')}) if it is one; otherwise attach one of: ${SUPPORTED_TYPES_TEXT}.`,
      );
    }
    case 'text':
      if (named === undefined) return { kind: 'document', format: sniffed.looksLikeHtml ? 'html' : 'txt' };
      if (named.kind === 'document' && TEXT_DOCUMENT_FORMATS.includes(named.format)) return named;
      throw unsupported(
        label,
        `the content is plain text, not ${named.format}`,
        `Attach the real ${named.format} file, or name the type as txt, md, csv or html.`,
      );
    case 'unknown':
      if (named !== undefined) {
        throw unsupported(
          label,
          `the content is not ${named.format} (the file may be damaged or of another type)`,
        );
      }
      throw unsupported(label, 'not a supported type');
  }
}
