import { describe, expect, it } from 'vitest';
import { citedBlock } from '../transport/converse/__fixtures__/converse-response.js';
import { messageText } from './message-builders.js';
import { replyCitations } from './reply-citations.js';

const reply = {
  content: [{ text: 'The handbook says ' }, citedBlock, { text: '.' }],
};

describe('replyCitations', () => {
  it('lists each source with the reply text it backs, and the text keeps the cited passage in place', () => {
    expect(replyCitations(reply)).toEqual([
      {
        text: 'receipts are refunded within 30 days',
        citedText: 'Expenses are refunded within 30 days of a receipt.',
        documentTitle: 'handbook',
        location: { documentChar: { documentIndex: 0, start: 0, end: 51 } },
      },
    ]);
    expect(messageText(reply)).toBe('The handbook says receipts are refunded within 30 days.');
    expect(replyCitations({ content: [{ text: 'plain' }] })).toEqual([]);
  });
});
