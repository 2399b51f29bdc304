import { describe, expect, it } from 'vitest';
import { LongStringMemo } from './long-string-memo.js';

describe('LongStringMemo', () => {
  it('keeps long strings only, finds an equal copy, and drops the oldest past its bound', () => {
    const memo = new LongStringMemo<number>(4, 10);
    memo.set('abc', 1);
    expect(memo.get('abc')).toBeUndefined();
    memo.set('aaaa', 1);
    memo.set('bbbb', 2);
    expect(memo.get(['a', 'a', 'a', 'a'].join(''))).toBe(1);
    // 12 characters would pass the bound of 10: the oldest ('aaaa') goes.
    memo.set('cccc', 3);
    expect([memo.get('aaaa'), memo.get('bbbb'), memo.get('cccc'), memo.size]).toEqual([undefined, 2, 3, 2]);
    // Set again, 'bbbb' is the newest: 'cccc' goes next.
    memo.set('bbbb', 4);
    memo.set('dddd', 5);
    expect([memo.get('bbbb'), memo.get('cccc'), memo.get('dddd')]).toEqual([4, undefined, 5]);
    memo.set('x'.repeat(11), 6);
    expect(memo.get('x'.repeat(11))).toBeUndefined();
  });
});
