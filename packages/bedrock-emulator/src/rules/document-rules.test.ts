import { describe, expect, it } from 'vitest';
import { refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import {
  documentCount,
  documentNameCharacters,
  documentNameLength,
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
