import { describe, expect, it } from 'vitest';
import { MultilineInput } from './multiline-input.js';

describe('MultilineInput', () => {
  it('passes single lines through', () => {
    expect(new MultilineInput().push('hello')).toEqual({ done: true, text: 'hello' });
  });

  it('joins lines ending in a backslash', () => {
    const input = new MultilineInput();
    expect(input.push('first \\')).toEqual({ done: false });
    expect(input.pending).toBe(true);
    expect(input.push('second\\')).toEqual({ done: false });
    expect(input.push('third')).toEqual({ done: true, text: 'first \nsecond\nthird' });
    expect(input.pending).toBe(false);
  });

  it('collects """ blocks, keeping blank lines and backslashes', () => {
    const input = new MultilineInput();
    expect(input.push('"""')).toEqual({ done: false });
    input.push('line one \\');
    input.push('');
    input.push('line three');
    expect(input.push('"""')).toEqual({ done: true, text: 'line one \\\n\nline three' });
  });

  it('accepts text on the opening and closing lines, and one-line blocks', () => {
    const input = new MultilineInput();
    input.push('"""start');
    expect(input.push('end"""')).toEqual({ done: true, text: 'start\nend' });
    expect(input.push('"""all in one"""')).toEqual({ done: true, text: 'all in one' });
  });

  it('forgets pending input on reset', () => {
    const input = new MultilineInput();
    input.push('"""');
    input.push('draft');
    input.reset();
    expect(input.push('fresh')).toEqual({ done: true, text: 'fresh' });
  });
});
