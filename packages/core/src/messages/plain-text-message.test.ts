import { describe, expect, it } from 'vitest';
import { MessageSchema } from './message-schemas.js';
import { isPlainTextMessage } from './plain-text-message.js';

const cases: [string, unknown][] = [
  ['a user message', { role: 'user', content: [{ text: 'Hi' }] }],
  ['an assistant message with two blocks', { role: 'assistant', content: [{ text: 'a' }, { text: '' }] }],
  ['an extra key', { role: 'user', content: [{ text: 'Hi' }], id: 1 }],
  ['an extra key set to undefined', { role: 'user', content: [{ text: 'Hi' }], id: undefined }],
  ['a missing role', { content: [{ text: 'Hi' }], other: 1 }],
  ['role system', { role: 'system', content: [{ text: 'Hi' }] }],
  ['no blocks', { role: 'user', content: [] }],
  ['content as a string', { role: 'user', content: 'Hi' }],
  ['a non-string text', { role: 'user', content: [{ text: 42 }] }],
  ['an extra block key', { role: 'user', content: [{ text: 'Hi', cache: true }] }],
  ['a null block', { role: 'user', content: [null] }],
  ['an image block', { role: 'user', content: [{ image: { format: 'png', source: { bytes: 'AA==' } } }] }],
  ['an array', [{ role: 'user', content: [{ text: 'Hi' }] }]],
  ['null', null],
  ['a string', 'Hi'],
];

describe('isPlainTextMessage', () => {
  it.each(cases)('is true only where MessageSchema accepts: %s', (_name, value) => {
    if (isPlainTextMessage(value)) expect(MessageSchema.safeParse(value).success).toBe(true);
  });

  it('recognises plain text messages and nothing else', () => {
    const recognised = cases.filter(([, value]) => isPlainTextMessage(value)).map(([name]) => name);
    expect(recognised).toEqual(['a user message', 'an assistant message with two blocks']);
  });
});
