import { describe, expect, it } from 'vitest';
import { HAIKU_45, refusal, request, SONNET_46, text, user } from './__fixtures__/rule-fixtures.js';
import { inputTooLong } from './context-window-rule.js';

// The emulator's tokeniser: 4 characters a token.
const prompt = (tokens: number) => request({ messages: [user(text('x'.repeat(tokens * 4)))] });

describe('inputTooLong', () => {
  it("refuses a prompt over the model's context window with Bedrock's wording", () => {
    expect(refusal(inputTooLong, prompt(200_001), HAIKU_45)).toBe(
      'The model returned the following errors: Input is too long for requested model.',
    );
  });

  it('accepts a prompt that fills the window exactly, and a 1M-token model takes more', () => {
    expect(refusal(inputTooLong, prompt(200_000), HAIKU_45)).toBeNull();
    expect(refusal(inputTooLong, prompt(200_001), SONNET_46)).toBeNull();
  });

  it('leaves images and documents out (Bedrock counts those by pages and pixels)', () => {
    const pdf = { document: { name: 'big', format: 'pdf', source: { bytes: 'x'.repeat(1_000_000) } } };
    expect(refusal(inputTooLong, request({ messages: [user(pdf, text('summarise'))] }), HAIKU_45)).toBeNull();
  });

  it('counts tool results too', () => {
    const big = user({ toolResult: { toolUseId: 't1', content: [{ text: 'x'.repeat(800_008) }] } });
    expect(refusal(inputTooLong, request({ messages: [big] }), HAIKU_45)).not.toBeNull();
  });
});
