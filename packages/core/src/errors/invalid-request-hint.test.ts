import { describe, expect, it } from 'vitest';
import { invalidRequestHint } from './invalid-request-hint.js';

const MODEL_ERROR = 'The model returned the following errors: ';

describe('invalidRequestHint', () => {
  it('names the setting to leave out when the model refuses a temperature', () => {
    expect(invalidRequestHint(`${MODEL_ERROR}temperature is deprecated for this model.`)).toBe(
      'This model accepts no temperature: leave it out, and unset a configured default temperature.',
    );
    expect(invalidRequestHint(`${MODEL_ERROR}\`top_p\` is deprecated for this model.`)).toBe(
      'This model accepts no topP: leave it out.',
    );
  });

  it('says to send one of temperature and topP when the model refuses the pair', () => {
    expect(
      invalidRequestHint(
        `${MODEL_ERROR}\`temperature\` and \`top_p\` cannot both be specified for this model. Please use only one.`,
      ),
    ).toBe('This model accepts temperature or topP, not both: leave one of them out.');
  });

  it('stays generic for any other refusal', () => {
    expect(invalidRequestHint('A conversation must alternate between user and assistant roles.')).toBe(
      'Fix the part of the request named above and try again.',
    );
  });
});
