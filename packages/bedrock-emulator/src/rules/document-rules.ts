import { validationError } from '../bedrock-errors.js';
import type { ConverseRequest } from '../converse-request.js';
import { contentBlocks, coralPath, type LocatedBlock } from './content-walk.js';
import { constraintErrors, constraintViolation, isRecord, type RequestRule } from './request-rule.js';

/** `DocumentBlockNameString` in the Bedrock Runtime Smithy model: length 1–200. */
const MIN_NAME_LENGTH = 1;
const MAX_NAME_LENGTH = 200;
/** "You can include up to five documents" (Message, Bedrock Runtime API reference). */
export const MAX_DOCUMENTS = 5;
/**
 * "Each document's size must be no more than 4.5 MB" (Message, Bedrock Runtime API reference),
 * taken as MiB like the page's "3.75 MB" for images, which is 3.75 MiB. Bedrock's answer: "The
 * maximum document size is 4.5 MB. Reduce the size of your document and retry your request."
 * (Boise-State-Development/agentcore-public-stack#206). Measured on Sonnet 4.6: a 4.6 MB txt or csv
 * is refused and 4.4 MB passes, while PDFs up to 22 MB pass (aws-samples/generative-ai-use-cases#1334),
 * so PDFs are not held to it.
 */
export const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;

/**
 * The API reference (DocumentBlock) allows alphanumerics, single whitespace characters, hyphens,
 * parentheses and square brackets. Bedrock also accepts underscores, though neither the page nor
 * its error lists them (checked live: github.com/vercel/ai/pull/20366,
 * aws-samples/generative-ai-use-cases/issues/1671, strands-agents/harness-sdk/issues/3019); it
 * refuses dots, non-ASCII letters, tabs, full-width spaces and two spaces in a row.
 */
const DOCUMENT_NAME = /^[A-Za-z0-9_ ()[\]-]+$/;

interface LocatedDocument {
  readonly located: LocatedBlock;
  readonly name: unknown;
  readonly format: unknown;
  /** `source.bytes` as it travels: base64 text. */
  readonly bytes: unknown;
}

function documents(request: ConverseRequest): LocatedDocument[] {
  return [...contentBlocks(request.messages)].flatMap((located) => {
    const { document } = located.block;
    if (!isRecord(document)) return [];
    const bytes = isRecord(document.source) ? document.source.bytes : undefined;
    return [{ located, name: document.name, format: document.format, bytes }];
  });
}

/** Coral's length violation of a document name, if any. */
function nameLengthConstraint(name: string): string | undefined {
  if (name.length < MIN_NAME_LENGTH)
    return `Member must have length greater than or equal to ${MIN_NAME_LENGTH}`;
  if (name.length > MAX_NAME_LENGTH)
    return `Member must have length less than or equal to ${MAX_NAME_LENGTH}`;
  return undefined;
}

/** Runs before the character rule, so an empty name gets the length message, as from Coral. */
export const documentNameLength: RequestRule = (request) =>
  constraintErrors(
    documents(request).flatMap(({ located, name }) => {
      if (typeof name !== 'string') return [];
      const constraint = nameLengthConstraint(name);
      return constraint === undefined
        ? []
        : [constraintViolation(name, coralPath(located, 'document.name'), constraint)];
    }),
  );

/** Raw bytes behind base64 text: three for every four characters, less the padding. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Inline bytes only: `source.text`, `source.content` and S3 sources are not measured here. */
export const documentSize: RequestRule = (request) =>
  documents(request).some(
    ({ format, bytes }) =>
      format !== 'pdf' && typeof bytes === 'string' && decodedLength(bytes) > MAX_DOCUMENT_BYTES,
  )
    ? validationError(
        'The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.',
      )
    : null;

export const documentNameCharacters: RequestRule = (request) => {
  const invalid = documents(request).some(
    ({ name }) => typeof name === 'string' && (!DOCUMENT_NAME.test(name) || name.includes('  ')),
  );
  return invalid
    ? validationError(
        'The document file name can only contain alphanumeric characters, whitespace characters, hyphens, ' +
          "parentheses, and square brackets. The name can't contain more than one consecutive whitespace " +
          'character. Check that the file name conforms to these restrictions and retry your request.',
      )
    : null;
};

/** Names must be unique across the whole request: history included, not only within a message. */
export const uniqueDocumentNames: RequestRule = (request) => {
  const names = documents(request).map(({ name }) => name);
  return new Set(names).size === names.length
    ? null
    : validationError(
        "Messages can't contain duplicate document names. Rename the document and retry your request.",
      );
};

export const documentCount: RequestRule = (request) =>
  documents(request).length > MAX_DOCUMENTS
    ? validationError(`You can't include more than ${MAX_DOCUMENTS} documents in a request.`)
    : null;

/** A message with a document needs a text block of its own (Message, Bedrock Runtime API reference). */
export const textBesideDocuments: RequestRule = (request) => {
  const alone = request.messages.some(
    (message) =>
      message.content.some((block) => isRecord(block.document)) &&
      !message.content.some((block) => typeof block.text === 'string'),
  );
  return alone
    ? validationError(
        'A text block must be included when using documents. Add a text block and retry your request.',
      )
    : null;
};
