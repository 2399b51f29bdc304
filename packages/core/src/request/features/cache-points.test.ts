import { describe, expect, it } from 'vitest';
import type { Message } from '../../messages/message-schemas.js';
import { resolveModel } from '../../models/resolve-model.js';
import { toChatRequest } from '../chat-request.js';
import { buildRequest } from '../pipeline.js';

const haiku45 = resolveModel('haiku-4.5', 'us-east-1');
const haiku35 = resolveModel('haiku-3.5', 'us-east-1');
const minimum = haiku45.info?.promptCache?.minTokens ?? Number.NaN;
/** Comfortably above Haiku 4.5's minimum under core's estimate (4 characters a token). */
const longSystem = 'You answer questions about the handbook. '.repeat(Math.ceil((minimum * 4 * 1.2) / 41));
const point = { cachePoint: { type: 'default' } };

const user = (text: string): Message => ({ role: 'user', content: [{ text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ text }] });

function draftFor(messages: Message[], options: Parameters<typeof toChatRequest>[1] = {}, model = haiku45) {
  return buildRequest(toChatRequest(messages, options), model);
}

describe('cachePointsFeature', () => {
  it('places a point after a long system prompt, not after a short one or when there is nothing to reuse', () => {
    const long = draftFor([user('hi')], { system: longSystem });
    expect(long.draft.system).toEqual([{ text: longSystem }, point]);
    expect(long.draft.messages).toEqual([user('hi')]);
    expect(long.applied).toContain('cache-points');

    expect(draftFor([user('hi')], { system: 'Be brief.' }).draft.system).toEqual([{ text: 'Be brief.' }]);
    expect(draftFor([user('hi')]).draft).not.toHaveProperty('system');
  });

  it('marks the end of the history sent again once the prefix is long enough, and leaves the new prompt alone', () => {
    const history = [user(longSystem), assistant('Noted.'), user('And now?')];
    const { draft } = draftFor(history);
    expect(draft.messages).toEqual([
      user(longSystem),
      { role: 'assistant', content: [{ text: 'Noted.' }, point] },
      user('And now?'),
    ]);
    // The caller's messages are not changed: the stored history stays without cache points.
    expect(history[1]).toEqual(assistant('Noted.'));

    const both = draftFor(history, { system: longSystem }).draft;
    expect(both.system?.at(-1)).toEqual(point);
    expect(both.messages[1]?.content.at(-1)).toEqual(point);
  });

  it('counts the system prompt and the history together against the minimum', () => {
    const half = longSystem.slice(0, Math.ceil(longSystem.length * 0.6));
    const { draft } = draftFor([user(half), assistant('ok'), user('next')], { system: half });
    expect(draft.system).toEqual([{ text: half }]);
    expect(draft.messages[1]?.content.at(-1)).toEqual(point);
  });

  it('sends none with cache: false, on a model without caching, or when the caller placed their own', () => {
    expect(draftFor([user('hi')], { system: longSystem, cache: false }).applied).not.toContain(
      'cache-points',
    );
    const unknown = resolveModel('some.unknown-model', 'us-east-1');
    expect(draftFor([user('hi')], { system: longSystem }, unknown).draft.system).toEqual([
      { text: longSystem },
    ]);
    const own = [
      { text: longSystem },
      { cachePoint: { type: 'default' as const } },
      { text: 'Today is Monday.' },
    ];
    expect(draftFor([user('hi')], { system: own }).draft.system).toEqual(own);
  });

  it('asks for the 1-hour TTL where the model offers it, and falls back to 5 minutes with a warning', () => {
    const hourly = draftFor([user('hi')], { system: longSystem, cacheTtl: '1h' });
    expect(hourly.draft.system?.at(-1)).toEqual({ cachePoint: { type: 'default', ttl: '1h' } });
    expect(hourly.warnings).toEqual([]);

    const older = draftFor([user('hi')], { system: longSystem, cacheTtl: '1h' }, haiku35);
    expect(older.draft.system?.at(-1)).toEqual(point);
    expect(older.warnings).toEqual([
      'Claude 3.5 Haiku does not offer a 1h cache; 5-minute cache points were sent.',
    ]);
  });
});
