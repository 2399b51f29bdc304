import { describe, expect, it } from 'vitest';
import { EmulatorError } from './bedrock-errors.js';
import { parseConversation, parseConverseRequest } from './converse-request.js';
import { findModel } from './model-catalogue.js';

const user = (text: string) => ({ role: 'user', content: [{ text }] });
const assistant = (text: string) => ({ role: 'assistant', content: [{ text }] });

function validationMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    expect((error as EmulatorError).errorName).toBe('ValidationException');
    expect((error as EmulatorError).status).toBe(400);
    return (error as EmulatorError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('parseConversation', () => {
  it('accepts an alternating conversation that starts and ends with the user', () => {
    const body = { messages: [user('a'), assistant('b'), user('c')], system: [{ text: 'be brief' }] };
    expect(parseConversation(body)).toEqual(body);
  });

  it('requires messages', () => {
    expect(validationMessage(() => parseConversation({}))).toBe(
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    ['empty', []],
    ['assistant first', [assistant('a'), user('b')]],
  ])('rejects a conversation that does not start with the user (%s)', (_, messages) => {
    expect(validationMessage(() => parseConversation({ messages }))).toBe(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  });

  it('rejects roles that do not alternate', () => {
    expect(validationMessage(() => parseConversation({ messages: [user('a'), user('b')] }))).toMatch(
      /^A conversation must alternate between user and assistant roles\./,
    );
  });

  it('accepts a conversation that ends with the assistant (prefill): the model decides', () => {
    const body = { messages: [user('a'), assistant('b')] };
    expect(parseConversation(body).messages).toEqual(body.messages);
  });

  it('names the blank text block by its position', () => {
    const messages = [
      user('a'),
      assistant('b'),
      { role: 'user', content: [{ text: 'ok' }, { text: ' \n' }] },
    ];
    expect(validationMessage(() => parseConversation({ messages }))).toBe(
      'The text field in the ContentBlock object at messages.2.content.1 is blank. Add text to the text field, and try again.',
    );
  });

  it('rejects empty content and unknown roles', () => {
    expect(validationMessage(() => parseConversation({ messages: [{ role: 'user', content: [] }] }))).toMatch(
      /^The content field in the Message object at messages\.0 is empty\./,
    );
    expect(
      validationMessage(() =>
        parseConversation({ messages: [{ role: 'system', content: [{ text: 'x' }] }] }),
      ),
    ).toMatch(/Value 'system' at 'messages\.0\.member\.role' failed to satisfy constraint/);
  });

  it('rejects blank system text', () => {
    expect(
      validationMessage(() => parseConversation({ messages: [user('a')], system: [{ text: '' }] })),
    ).toMatch(/^The text field in the SystemContentBlock object at system\.0 is blank\./);
  });
});

describe('parseConverseRequest inference config', () => {
  const haiku35 = findModel('anthropic.claude-3-5-haiku-20241022-v1:0');
  if (haiku35 === undefined) throw new Error('Claude 3.5 Haiku is in the catalogue');
  const withConfig = (inferenceConfig: unknown) => () =>
    parseConverseRequest({ messages: [user('hi')], inferenceConfig }, haiku35);

  it('accepts values at the limits', () => {
    expect(
      withConfig({ maxTokens: 8192, temperature: 1, topP: 0, stopSequences: ['END'] })().inferenceConfig,
    ).toEqual({
      maxTokens: 8192,
      temperature: 1,
      topP: 0,
      stopSequences: ['END'],
    });
  });

  it('rejects maxTokens above the model limit', () => {
    expect(validationMessage(withConfig({ maxTokens: 8193 }))).toBe(
      'The maximum tokens you requested exceeds the model limit of 8192. Try again with a maximum tokens value that is lower than 8192.',
    );
  });

  it('rejects maxTokens below 1', () => {
    expect(validationMessage(withConfig({ maxTokens: 0 }))).toBe(
      "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it.each([
    ['temperature', 1.5, 'less than or equal to 1'],
    ['temperature', -0.1, 'greater than or equal to 0'],
    ['topP', 2, 'less than or equal to 1'],
  ])('rejects %s = %s', (name, value, constraint) => {
    expect(validationMessage(withConfig({ [name]: value }))).toBe(
      `1 validation error detected: Value '${value}' at 'inferenceConfig.${name}' failed to satisfy constraint: Member must have value ${constraint}`,
    );
  });

  it('rejects stop sequences that are not strings', () => {
    expect(validationMessage(withConfig({ stopSequences: [1] }))).toMatch(/stopSequences/);
  });
});
