import { describe, expect, it } from 'vitest';
import { normaliseMessages } from './normalise-messages.js';

describe('normaliseMessages', () => {
  it('accepts a prompt, a message or a list', () => {
    expect(normaliseMessages('hi')).toEqual([{ role: 'user', content: [{ text: 'hi' }] }]);
    expect(normaliseMessages({ role: 'user', content: [{ text: 'x' }] })).toHaveLength(1);
  });

  it('names the offending field', () => {
    expect(() => normaliseMessages([])).toThrow(/messages is empty/);
    expect(() => normaliseMessages([{ role: 'system', content: [{ text: 'x' }] } as never])).toThrow(
      /messages\.0\.role/,
    );
    expect(() => normaliseMessages([{ role: 'user', content: [] }])).toThrow(/messages\.0\.content/);
  });
});
