import { describe, expect, it } from 'vitest';
import {
  HAIKU_35,
  HAIKU_45,
  OPUS_41,
  refusal,
  request,
  SONNET_4,
  SONNET_37,
  text,
  user,
} from './__fixtures__/rule-fixtures.js';
import { cacheTtlOrder, cacheTtlSupport } from './cache-point-rule.js';

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

describe('cacheTtlSupport', () => {
  it.for([HAIKU_35, SONNET_37, SONNET_4, OPUS_41])(
    'refuses a 1 h point on $modelId, which offers 5 m only',
    (model) => {
      const oneHour = request({ system: [text('s'), point('1h')], messages: [user(text('a'), point('1h'))] });
      expect(refusal(cacheTtlSupport, oneHour, model)).toBe(
        'The model returned the following errors: system.0.cache_control.ttl: Extra inputs are not permitted',
      );
      const inMessages = request({ messages: [user(text('a'), text('b'), point('1h'))] });
      expect(refusal(cacheTtlSupport, inMessages, model)).toBe(
        'The model returned the following errors: messages.0.content.1.cache_control.ttl: Extra inputs are not permitted',
      );
      expect(
        refusal(cacheTtlSupport, request({ messages: [user(text('a'), point('5m'), point())] }), model),
      ).toBeNull();
    },
  );

  it('lets a 1 h point through on a model that offers it', () => {
    const oneHour = request({ system: [text('s'), point('1h')], messages: [user(text('a'), point('1h'))] });
    expect(refusal(cacheTtlSupport, oneHour, HAIKU_45)).toBeNull();
  });
});
