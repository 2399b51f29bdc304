import { describe, expect, it } from 'vitest';
import { toToolResultContent } from './tool-output.js';

describe('toToolResultContent', () => {
  it('makes text of a string, keeps content blocks, and sends other values as JSON', () => {
    expect(toToolResultContent('hi')).toEqual([{ text: 'hi' }]);
    expect(toToolResultContent([{ text: 'a' }, { json: { b: 1 } }])).toEqual([
      { text: 'a' },
      { json: { b: 1 } },
    ]);
    expect(toToolResultContent({ when: new Date('2026-12-01T00:00:00Z'), skip: () => 1 })).toEqual([
      { json: { when: '2026-12-01T00:00:00.000Z' } },
    ]);
    expect(toToolResultContent([1, 2])).toEqual([{ json: [1, 2] }]);
    expect(toToolResultContent(0)).toEqual([{ json: 0 }]);
  });

  it('gives no content for undefined and values JSON cannot hold', () => {
    expect(toToolResultContent(undefined)).toEqual([]);
    expect(toToolResultContent(() => 1)).toEqual([]);
  });
});
