import { describe, expect, it } from 'vitest';
import { encodeConverseInput } from '../../transport/converse/encode-converse-input.js';
import { build, refusal } from './__fixtures__/built-request.js';

describe('effortFeature', () => {
  it("sends the level as Converse's outputConfig.effort", () => {
    const built = build('opus-4.5', { effort: 'low' });
    expect(built.applied).toContain('effort');
    expect(encodeConverseInput(built.draft).outputConfig).toEqual({ effort: 'low' });
    expect(encodeConverseInput(build('opus-4.5', {}).draft)).not.toHaveProperty('outputConfig');
  });

  it('refuses effort on a model without it, and a level the model lacks, listing the ones it has', () => {
    const none = refusal('haiku-4.5', { effort: 'low' });
    expect(none.code).toBe('UNSUPPORTED_BY_MODEL');
    expect(none.message).toBe('Claude Haiku 4.5 takes no effort setting.');
    const level = refusal('opus-4.5', { effort: 'max', thinking: true });
    expect(level.message).toBe('Claude Opus 4.5 takes effort low, medium, high, not max.');
  });

  it('refuses xhigh and max without thinking, and takes them with it or where thinking is on by default', () => {
    const error = refusal('opus-4.7', { effort: 'xhigh' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'effort xhigh needs thinking: without it Claude Opus 4.7 goes no higher than high.',
    );
    expect(refusal('opus-5', { effort: 'max', thinking: false }).message).toContain(
      'effort max needs thinking',
    );
    expect(build('opus-4.7', { effort: 'xhigh', thinking: true }).draft.effort).toBe('xhigh');
    expect(build('opus-5', { effort: 'max' }).draft.effort).toBe('max');
    expect(build('fable-5', { effort: 'max' }).draft.effort).toBe('max');
  });
});
