import { describe, expect, it } from 'vitest';
import { hasCachePoint, prefixBoundaries } from './cache-prefixes.js';
import type { ConverseRequest } from './converse-request.js';
import { PromptCache } from './prompt-cache.js';

const MODEL = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const support = { minTokens: 1_000, ttls: ['5m', '1h'] as const };
/** 1,500 tokens under the emulator's tokeniser (4 characters each). */
const system = 'S'.repeat(6_000);
const point = { cachePoint: { type: 'default' } };
const hourPoint = { cachePoint: { type: 'default', ttl: '1h' } };

function request(
  turns: string[],
  options: { systemPoint?: Record<string, unknown>; historyPoint?: boolean } = {},
) {
  const messages = turns.map((text, index) => ({
    role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: [{ text }] as Record<string, unknown>[],
  }));
  const history = messages.at(-2);
  if (options.historyPoint && history) history.content.push(point);
  return {
    system: [{ text: system }, ...(options.systemPoint ? [options.systemPoint] : [])],
    messages,
  } satisfies ConverseRequest;
}

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function account(cache: PromptCache, converse: ConverseRequest, model = MODEL) {
  return cache.account(prefixBoundaries(model, converse), support);
}

describe('PromptCache', () => {
  it('writes a prefix on first sight and reads it on the next request within the TTL', () => {
    const time = clock();
    const cache = new PromptCache(time.now);
    const first = request(['What is 1+1?'], { systemPoint: point });
    expect(account(cache, first)).toEqual({
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 1_500,
      cacheDetails: [{ ttl: '5m', inputTokens: 1_500 }],
    });
    time.advance(4 * 60_000);
    expect(account(cache, request(['And 2+2?'], { systemPoint: point }))).toEqual({
      cacheReadInputTokens: 1_500,
      cacheWriteInputTokens: 0,
      cacheDetails: [],
    });
  });

  it('forgets a prefix once its TTL has passed since the last use, and keeps 1 h entries longer', () => {
    const time = clock();
    const cache = new PromptCache(time.now);
    account(cache, request(['a'], { systemPoint: point }));
    time.advance(5 * 60_000 + 1);
    expect(account(cache, request(['b'], { systemPoint: point }))?.cacheReadInputTokens).toBe(0);

    const hourly = new PromptCache(time.now);
    expect(account(hourly, request(['a'], { systemPoint: hourPoint }))?.cacheDetails).toEqual([
      { ttl: '1h', inputTokens: 1_500 },
    ]);
    time.advance(50 * 60_000);
    expect(account(hourly, request(['b'], { systemPoint: hourPoint }))?.cacheReadInputTokens).toBe(1_500);
  });

  it('does not cache a prefix below the minimum, and differs per model', () => {
    const cache = new PromptCache(clock().now);
    const short = {
      system: [{ text: 'Be brief.' }, point],
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    };
    expect(account(cache, short as ConverseRequest)).toEqual({
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
      cacheDetails: [],
    });
    account(cache, request(['a'], { systemPoint: point }));
    expect(account(cache, request(['a'], { systemPoint: point }), 'other-model')?.cacheReadInputTokens).toBe(
      0,
    );
  });

  it('reads what the previous turn wrote through one point at the end of the history (lookback)', () => {
    const cache = new PromptCache(clock().now);
    const turn1 = request(['q1'], { systemPoint: point });
    account(cache, turn1);
    const turn2 = request(['q1', 'a1', 'q2'], { systemPoint: point, historyPoint: true });
    const second = account(cache, turn2);
    expect(second?.cacheReadInputTokens).toBe(1_500);
    expect(second?.cacheWriteInputTokens).toBe(1); // "q1" + "a1": 4 characters
    const turn3 = request(['q1', 'a1', 'q2', 'a2', 'q3'], { systemPoint: point, historyPoint: true });
    expect(account(cache, turn3)?.cacheReadInputTokens).toBe(1_501);
  });

  it('misses when the prefix changed', () => {
    const cache = new PromptCache(clock().now);
    account(cache, request(['a'], { systemPoint: point }));
    const changed = { ...request(['a'], { systemPoint: point }), system: [{ text: `${system}!` }, point] };
    expect(account(cache, changed)?.cacheReadInputTokens).toBe(0);
  });

  it('accounts nothing for a request without cache points or a model without caching', () => {
    const cache = new PromptCache(clock().now);
    const plain = request(['a']);
    expect(hasCachePoint(plain)).toBe(false);
    expect(account(cache, plain)).toBeUndefined();
    const cached = request(['a'], { systemPoint: point });
    expect(hasCachePoint(cached)).toBe(true);
    expect(cache.account(prefixBoundaries(MODEL, cached), undefined)).toBeUndefined();
  });
});
