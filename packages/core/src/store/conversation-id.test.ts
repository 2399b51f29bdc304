import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_ID_PATTERN,
  conversationIdTime,
  createConversationIdGenerator,
  generateConversationId,
  parseConversationId,
} from './conversation-id.js';

describe('conversation ids', () => {
  it('are 26-character ULIDs that encode their creation time', () => {
    const id = createConversationIdGenerator({ now: () => Date.parse('2025-06-01T12:00:00.123Z') })();
    expect(id).toMatch(CONVERSATION_ID_PATTERN);
    expect(conversationIdTime(id).toISOString()).toBe('2025-06-01T12:00:00.123Z');
  });

  it('sort by creation time, and stay in order within one millisecond or when the clock steps back', () => {
    let time = 1_700_000_000_000;
    const next = createConversationIdGenerator({ now: () => time });
    const ids = [next(), next(), next()];
    time -= 5_000;
    ids.push(next());
    time += 60_000;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('do not collide across many ids', () => {
    const ids = Array.from({ length: 10_000 }, () => generateConversationId());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accept what a person typed in any case, and refuse anything else with INVALID_CONVERSATION_ID', () => {
    expect(parseConversationId(' 01jdq5z8m3x4b2n7k9p0r6s1tv\n')).toBe('01JDQ5Z8M3X4B2N7K9P0R6S1TV');
    for (const bad of [
      '',
      'abc',
      '01JDQ5Z8M3X4B2N7K9P0R6S1TVX',
      '01JDQ5Z8M3X4B2N7K9P0R6S1TU',
      '81JDQ5Z8M3X4B2N7K9P0R6S1TV',
    ]) {
      expect(() => parseConversationId(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_CONVERSATION_ID' }),
      );
    }
  });
});
