import { describe, expect, it } from 'vitest';
import { refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { cacheTtlOrder } from './cache-point-rule.js';

const point = (ttl?: string) => ({ cachePoint: { type: 'default', ...(ttl ? { ttl } : {}) } });

describe('cacheTtlOrder', () => {
  it('refuses a 1 h point after a 5 m one, naming the block it follows', () => {
    const growing = request({ system: [text('s'), point()], messages: [user(text('a'), point('1h'))] });
    expect(refusal(cacheTtlOrder, growing)).toBe(
      "The model returned the following errors: messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block",
    );
  });

  it('lets TTLs stay equal or shrink along the prompt', () => {
    const shrinking = request({ system: [text('s'), point('1h')], messages: [user(text('a'), point('5m'))] });
    expect(refusal(cacheTtlOrder, shrinking)).toBeNull();
    const equal = request({ system: [text('s'), point('1h')], messages: [user(text('a'), point('1h'))] });
    expect(refusal(cacheTtlOrder, equal)).toBeNull();
  });
});
