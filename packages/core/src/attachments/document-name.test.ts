import { describe, expect, it } from 'vitest';
import { documentNameFor, MAX_DOCUMENT_NAME_LENGTH, uniqueDocumentName } from './document-name.js';

/** Bedrock's alphabet for document names (DocumentBlock, Bedrock Runtime API reference). */
const BEDROCK_NAME = /^[A-Za-z0-9()[\]-]+( [A-Za-z0-9()[\]-]+)*$/;

describe('documentNameFor', () => {
  it.each([
    ['/home/ann/Q3 report_final.v2.pdf', 'Q3 report final v2'],
    ['résumé.docx', 'resume'],
    ['notes (draft) [1].md', 'notes (draft) [1]'],
    ['a\tb  c.txt', 'a b c'],
    ['報告.pdf', 'document'],
    ['.env', 'env'],
    ['C:\\Users\\ann\\data-2024.csv', 'data-2024'],
  ])('%s → %s', (fileName, name) => {
    expect(documentNameFor(fileName)).toBe(name);
    expect(name).toMatch(BEDROCK_NAME);
  });

  it('keeps a long name within 200 characters', () => {
    const name = documentNameFor(`${'x'.repeat(150)} ${'y'.repeat(150)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(MAX_DOCUMENT_NAME_LENGTH);
    expect(name).toMatch(BEDROCK_NAME);
  });
});

describe('uniqueDocumentName', () => {
  it('numbers a name already taken, within the length limit', () => {
    expect(uniqueDocumentName('report', new Set())).toBe('report');
    expect(uniqueDocumentName('report', new Set(['report', 'report (2)']))).toBe('report (3)');
    const long = 'z'.repeat(200);
    expect(uniqueDocumentName(long, new Set([long]))).toBe(`${'z'.repeat(196)} (2)`);
  });
});
