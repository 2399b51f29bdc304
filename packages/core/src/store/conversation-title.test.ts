import { describe, expect, it } from 'vitest';
import { titleFromPrompt } from './conversation-title.js';

describe('titleFromPrompt', () => {
  it('takes the first non-blank line, trimmed, whitespace collapsed', () => {
    expect(titleFromPrompt('\n\n   Explain   monads\tsimply  \nwith examples')).toBe('Explain monads simply');
  });

  it('cuts long lines to 60 characters at a word boundary, with an ellipsis', () => {
    const title = titleFromPrompt(
      'Write a detailed comparison of PostgreSQL and SQLite for an embedded desktop application',
    );
    expect(title).toBe('Write a detailed comparison of PostgreSQL and SQLite for an…');
    expect([...title].length).toBeLessThanOrEqual(60);
    expect([...titleFromPrompt('x'.repeat(100))]).toHaveLength(60);
  });

  it('never splits an emoji, and names prompts without text', () => {
    expect(titleFromPrompt('😀'.repeat(70)).endsWith('😀…')).toBe(true);
    expect(titleFromPrompt('   \n ')).toBe('Untitled conversation');
    expect(titleFromPrompt([{ image: { format: 'png', source: { bytes: 'AA==' } } }])).toBe(
      'Untitled conversation',
    );
    expect(titleFromPrompt([{ text: 'What is in this image?' }])).toBe('What is in this image?');
  });
});
