import { validationError } from '../bedrock-errors.js';
import type { ConverseRequest } from '../converse-request.js';
import { contentBlocks, coralPath, type LocatedBlock } from './content-walk.js';
import { constraintErrors, constraintViolation, isRecord, type RequestRule } from './request-rule.js';

/** `DocumentBlockNameString` in the Bedrock Runtime Smithy model: length 1–200. */
const MAX_NAME_LENGTH = 200;
/** "You can include up to five documents" (Message, Bedrock Runtime API reference). */
export const MAX_DOCUMENTS = 5;

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
}

function documents(request: ConverseRequest): LocatedDocument[] {
  return [...contentBlocks(request.messages)].flatMap((located) => {
    const { document } = located.block;
    return isRecord(document) ? [{ located, name: document.name }] : [];
  });
}

export const documentNameLength: RequestRule = (request) =>
  constraintErrors(
    documents(request).flatMap(({ located, name }) =>
      typeof name === 'string' && name.length > MAX_NAME_LENGTH
        ? [
            constraintViolation(
              name,
              coralPath(located, 'document.name'),
              `Member must have length less than or equal to ${MAX_NAME_LENGTH}`,
            ),
          ]
        : [],
    ),
  );

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
