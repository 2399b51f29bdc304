import { describe, expect, it } from 'vitest';
import { MessageSchema } from './message-schemas.js';
import { isPlainTextMessage, isPlainToolStepMessage } from './plain-text-message.js';

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
  ['content with a hole only', { role: 'user', content: new Array(1) }],
  // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
  ['content with a hole after a block', { role: 'user', content: [{ text: 'Hi' }, ,] }],
  [
    'role and content inherited, two other own keys',
    Object.assign(Object.create({ role: 'user', content: [{ text: 'Hi' }] }), { a: 1, b: 2 }),
  ],
  [
    'role not enumerable, one other own key',
    Object.defineProperty({ content: [{ text: 'Hi' }], other: 1 }, 'role', { value: 'user' }),
  ],
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

const use = (toolUse: unknown) => ({ role: 'assistant', content: [{ toolUse }] });
const result = (toolResult: unknown) => ({ role: 'user', content: [{ toolResult }] });
const stepCases: [string, unknown][] = [
  ...cases,
  ['a tool call', use({ toolUseId: 't1', name: 'lookup', input: { key: 'a' } })],
  [
    'text and two tool calls',
    {
      role: 'assistant',
      content: [
        { text: 'Looking.' },
        { toolUse: { toolUseId: 't1', name: 'a', input: {} } },
        { toolUse: { toolUseId: 't2', name: 'b', input: null } },
      ],
    },
  ],
  ['a text result', result({ toolUseId: 't1', content: [{ text: 'value-a' }] })],
  ['a JSON error result', result({ toolUseId: 't1', content: [{ json: { n: 1 } }], status: 'error' })],
  ['an empty result', result({ toolUseId: 't1', content: [], status: 'success' })],
  ['a tool call without input', use({ toolUseId: 't1', name: 'lookup' })],
  ['a tool call with an empty id', use({ toolUseId: '', name: 'lookup', input: {} })],
  ['a tool call with an extra key', use({ toolUseId: 't1', name: 'lookup', input: {}, type: 'x' })],
  ['a result with content as a string', result({ toolUseId: 't1', content: 'value-a' })],
  ['a result with an unknown status', result({ toolUseId: 't1', content: [], status: 'ok' })],
  ['a result with status undefined', result({ toolUseId: 't1', content: [], status: undefined })],
  ['a result with an extra key', result({ toolUseId: 't1', content: [], id: 1 })],
  ['a result with a non-string text', result({ toolUseId: 't1', content: [{ text: 1 }] })],
  [
    'a result with an image',
    result({ toolUseId: 't1', content: [{ image: { format: 'png', source: { bytes: 'AA==' } } }] }),
  ],
  ['a result with a hole', result({ toolUseId: 't1', content: new Array(2) })],
  [
    'a result with an inherited unknown status',
    result(Object.assign(Object.create({ status: 'ok' }), { toolUseId: 't1', content: [] })),
  ],
  [
    'a tool call with input not enumerable, one other own key',
    use(Object.defineProperty({ toolUseId: 't1', name: 'lookup', type: 'x' }, 'input', { value: {} })),
  ],
  ['a reasoning block', { role: 'assistant', content: [{ reasoningContent: { redactedContent: 'AA==' } }] }],
];

describe('isPlainToolStepMessage', () => {
  it.each(stepCases)('is true only where MessageSchema accepts: %s', (_name, value) => {
    if (isPlainToolStepMessage(value)) expect(MessageSchema.safeParse(value).success).toBe(true);
  });

  it('recognises text, tool calls and text or JSON results, and nothing else', () => {
    const recognised = stepCases.filter(([, value]) => isPlainToolStepMessage(value)).map(([name]) => name);
    expect(recognised).toEqual([
      'a user message',
      'an assistant message with two blocks',
      'a tool call',
      'text and two tool calls',
      'a text result',
      'a JSON error result',
      'an empty result',
    ]);
  });
});
