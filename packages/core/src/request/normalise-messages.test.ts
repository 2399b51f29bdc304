import { describe, expect, it } from 'vitest';
import { png } from '../attachments/__fixtures__/sample-files.js';
import type { Message } from '../messages/message-schemas.js';
import { checkAppended, normaliseMessages } from './normalise-messages.js';

/** The error `run` throws (its message and code), or undefined. */
function failure(run: () => unknown): { message: string; code: unknown } | undefined {
  try {
    run();
  } catch (error) {
    return { message: (error as Error).message, code: (error as { code?: unknown }).code };
  }
  return undefined;
}

describe('normaliseMessages', () => {
  it('accepts a prompt, a message or a list', () => {
    expect(normaliseMessages('hi')).toEqual([{ role: 'user', content: [{ text: 'hi' }] }]);
    expect(normaliseMessages({ role: 'user', content: [{ text: 'x' }] })).toHaveLength(1);
  });

  it('names the offending field', () => {
    expect(() => normaliseMessages([])).toThrow(/messages is empty/);
    // Every INVALID_INPUT says what to do (the empty list had hint: undefined).
    expect(() => normaliseMessages([])).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        hint: expect.stringContaining('userMessage("Hello")'),
      }),
    );
    expect(() => normaliseMessages([{ role: 'system', content: [{ text: 'x' }] } as never])).toThrow(
      /messages\.0\.role/,
    );
    expect(() => normaliseMessages([{ role: 'user', content: [] }])).toThrow(/messages\.0\.content/);
  });
});

describe('checkAppended', () => {
  const user: Message = { role: 'user', content: [{ text: 'look a up' }] };
  const toolUse: Message = {
    role: 'assistant',
    content: [{ toolUse: { toolUseId: 't1', name: 'lookup', input: { key: 'a' } } }],
  };
  const image = (index: number): Message => ({
    role: 'user',
    content: [
      {
        toolResult: {
          toolUseId: `t${index}`,
          content: [{ image: { format: 'png', source: { bytes: png(2, 2).toString('base64') } } }],
        },
      },
    ],
  });

  it('throws what normaliseMessages throws for the whole list, naming the message by its place in it', () => {
    const bad = { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: 'not a list' } }] };
    const lists: { messages: Message[]; checked: number }[] = [
      { messages: [user, toolUse], checked: 1 },
      { messages: [user, toolUse, bad as never], checked: 2 },
      { messages: [user, toolUse, { role: 'user', content: [] }], checked: 2 },
      { messages: [user, ...Array.from({ length: 21 }, (_, index) => image(index))], checked: 20 },
      { messages: [user, image(1)], checked: 1 },
    ];
    for (const { messages, checked } of lists) {
      expect(failure(() => checkAppended(messages, checked))).toEqual(
        failure(() => normaliseMessages(messages)),
      );
    }
    expect(failure(() => checkAppended([user, toolUse, bad as never], 2))?.message).toMatch(/^messages\.2\./);
    expect(
      failure(() => checkAppended([user, ...Array.from({ length: 21 }, (_, index) => image(index))], 20)),
    ).toMatchObject({
      code: 'ATTACHMENT_LIMIT',
    });
  });
});
