import { describe, expect, it } from 'vitest';
import { itemSize, MAX_ITEM_BYTES } from './dynamodb-item-size.js';

describe('itemSize', () => {
  it('counts attribute names and values as DynamoDB does: UTF-8 strings, digits of numbers, lists and maps', () => {
    expect(MAX_ITEM_BYTES).toBe(409_600);
    // "pk" 2 + "C#1" 3; "é" is two bytes.
    expect(itemSize({ pk: { S: 'C#1' }, t: { S: 'é' } })).toBe(2 + 3 + 1 + 2);
    // 12345 has five significant digits: 3 bytes + 1.
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ n: { N: '0.00100' } })).toBe(1 + 2);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { S: 'c' }] } })).toBe(1 + 3 + 1 + 2 + 1 + 1);
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ s: { SS: ['a', 'bc'] }, b: { BOOL: true } })).toBe(1 + 3 + 1 + 1);
  });
});
