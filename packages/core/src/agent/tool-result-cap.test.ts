import { describe, expect, it } from 'vitest';
import { capToolResult, truncationNote } from './tool-result-cap.js';

describe('capToolResult', () => {
  it('returns a result within the limit as it is', () => {
    const content = [{ text: 'abc' }, { json: { a: 1 } }];
    expect(capToolResult(content, 10)).toEqual({ content });
  });

  it('cuts text beyond the limit and tells the model how much there was', () => {
    const { content, originalChars } = capToolResult([{ text: 'abcdef' }, { text: 'ghij' }], 8);
    expect(originalChars).toBe(10);
    expect(content).toEqual([{ text: 'abcdef' }, { text: 'gh' }, { text: truncationNote(10, 8) }]);
    expect(truncationNote(10, 8)).toContain('cut to its first 8 of 10 characters');
  });

  it('turns a JSON block that does not fit into the text of its start; images stay', () => {
    const image = { image: { format: 'png' as const, source: { bytes: 'AAAA' } } };
    const { content } = capToolResult([{ json: { list: 'x'.repeat(20) } }, image, { text: 'late' }], 5);
    expect(content).toEqual([{ text: '{"lis' }, image, { text: truncationNote(35, 5) }]);
  });
});
