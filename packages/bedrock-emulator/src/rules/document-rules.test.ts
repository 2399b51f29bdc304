import { describe, expect, it } from 'vitest';
import { refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import {
  documentCount,
  documentNameCharacters,
  documentNameLength,
  documentSize,
  MAX_DOCUMENT_BYTES,
  textBesideDocuments,
  uniqueDocumentNames,
} from './document-rules.js';

const document = (name: string) => ({ document: { format: 'txt', name, source: { text: 'body' } } });
const withDocuments = (...names: string[]) =>
  request({ messages: [user(...names.map(document), text('Summarise.'))] });

const NAME_RULE =
  'The document file name can only contain alphanumeric characters, whitespace characters, hyphens, ' +
  "parentheses, and square brackets. The name can't contain more than one consecutive whitespace " +
  'character. Check that the file name conforms to these restrictions and retry your request.';

describe('documentNameCharacters', () => {
  it.each(['report', 'Q3 report (final) [v2]', 'my-doc', 'a_b', ' padded '])('accepts %j', (name) => {
    expect(refusal(documentNameCharacters, withDocuments(name))).toBeNull();
  });

  it.each(['a_b.pdf', 'a/b', 'two  spaces', 'tab\there', 'résumé', 'full\u3000width', "John's"])(
    'refuses %j',
    (name) => {
      expect(refusal(documentNameCharacters, withDocuments(name))).toBe(NAME_RULE);
    },
  );

  it('checks documents inside tool results too', () => {
    const messages = [user({ toolResult: { toolUseId: 't', content: [document('out.txt')] } })];
    expect(refusal(documentNameCharacters, request({ messages }))).toBe(NAME_RULE);
  });
});

describe('documentNameLength', () => {
  it('accepts 200 characters and refuses 201 with Coral’s path', () => {
    expect(refusal(documentNameLength, withDocuments('a'.repeat(200)))).toBeNull();
    const long = 'a'.repeat(201);
    expect(refusal(documentNameLength, withDocuments(long))).toBe(
      `1 validation error detected: Value '${long}' at 'messages.1.member.content.1.member.document.name' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 200',
    );
  });

  it('refuses an empty name by its length (the rule Coral applies before the characters)', () => {
    expect(refusal(documentNameLength, withDocuments(''))).toBe(
      "1 validation error detected: Value '' at 'messages.1.member.content.1.member.document.name' " +
        'failed to satisfy constraint: Member must have length greater than or equal to 1',
    );
  });
});

describe('documentSize', () => {
  /** A document of `size` raw bytes, as base64 text on the wire. */
  const sized = (format: string, size: number) =>
    request({
      messages: [
        user(
          { document: { format, name: 'big', source: { bytes: Buffer.alloc(size).toString('base64') } } },
          text('Summarise.'),
        ),
      ],
    });

  it('accepts 4.5 MiB and refuses a byte more, in Bedrock’s words', () => {
    expect(refusal(documentSize, sized('txt', MAX_DOCUMENT_BYTES))).toBeNull();
    expect(refusal(documentSize, sized('docx', MAX_DOCUMENT_BYTES + 1))).toBe(
      'The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.',
    );
  });

  it('does not hold PDFs to it, as measured on Bedrock', () => {
    expect(refusal(documentSize, sized('pdf', MAX_DOCUMENT_BYTES + 1))).toBeNull();
  });
});

describe('uniqueDocumentNames', () => {
  it('refuses one name twice, even in different turns', () => {
    const messages = [
      user(document('report'), text('a')),
      { role: 'assistant' as const, content: [text('ok')] },
      user(document('report'), text('b')),
    ];
    expect(refusal(uniqueDocumentNames, request({ messages }))).toBe(
      "Messages can't contain duplicate document names. Rename the document and retry your request.",
    );
    expect(refusal(uniqueDocumentNames, withDocuments('a', 'b'))).toBeNull();
  });
});

describe('documentCount', () => {
  it('accepts five documents and refuses six', () => {
    expect(refusal(documentCount, withDocuments('a', 'b', 'c', 'd', 'e'))).toBeNull();
    expect(refusal(documentCount, withDocuments('a', 'b', 'c', 'd', 'e', 'f'))).toBe(
      "You can't include more than 5 documents in a request.",
    );
  });
});

describe('textBesideDocuments', () => {
  it('refuses a message with a document and no text block', () => {
    expect(refusal(textBesideDocuments, request({ messages: [user(document('report'))] }))).toBe(
      'A text block must be included when using documents. Add a text block and retry your request.',
    );
    expect(refusal(textBesideDocuments, withDocuments('report'))).toBeNull();
  });
});
