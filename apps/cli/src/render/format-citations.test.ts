import { describe, expect, it } from 'vitest';
import { formatCitations } from './format-citations.js';

describe('formatCitations', () => {
  it('numbers each source with its document, location and the quoted passage on one line, control characters shown', () => {
    expect(
      formatCitations([
        {
          text: 'refunds within 30 days',
          citedText: 'Expenses are refunded\r\nwithin 30 days.',
          documentTitle: 'handbook',
          location: { documentPage: { documentIndex: 0, start: 1, end: 2 } },
        },
        {
          text: 'x',
          citedText: 'Booked \u001b[31mcentrally\u001b[0m.',
          documentTitle: undefined,
          location: undefined,
        },
      ]),
    ).toBe(
      'sources:\n  [1] handbook (pages 1–2): "Expenses are refunded within 30 days."\n  [2] document: "Booked \\x1b[31mcentrally\\x1b[0m."\n',
    );
    expect(formatCitations([])).toBe('');
  });
});
