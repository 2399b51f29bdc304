import { describe, expect, it } from 'vitest';
import { assistantMessage, userMessage } from '../messages/message-builders.js';
import type { Message } from '../messages/message-schemas.js';
import { resolveModel } from '../models/resolve-model.js';
import {
  contextLimitsFor,
  DEFAULT_CONTEXT_WINDOW_TOKENS,
  estimateMessageTokens,
  estimateTextTokens,
  fitToContextWindow,
  NON_TEXT_BLOCK_TOKENS,
} from './context-window.js';

/** A pair of messages of exactly `tokens` estimated tokens each (4 overhead + text). */
const sized = (tokens: number, label: string): Message[] => [
  userMessage(`${label}${'u'.repeat((tokens - 4) * 4 - label.length)}`),
  assistantMessage(`${label}${'a'.repeat((tokens - 4) * 4 - label.length)}`),
];

describe('token estimate', () => {
  it('counts 4 ASCII characters per token and each other character as one', () => {
    expect(estimateTextTokens('abcdefgh')).toBe(2);
    expect(estimateTextTokens('abcde')).toBe(2);
    expect(estimateTextTokens('日本語')).toBe(3);
    expect(
      estimateMessageTokens(userMessage([{ image: { format: 'png', source: { bytes: 'AA==' } } }])),
    ).toBe(4 + NON_TEXT_BLOCK_TOKENS);
  });

  it('takes the window from the catalogue, whatever name the model goes by', () => {
    // `haiku` is Haiku 5.5: 1M tokens, and a default maxTokens with room for its thinking.
    const limits = (name: string, maxTokens?: number) =>
      contextLimitsFor(resolveModel(name, 'eu-west-1'), maxTokens);
    expect(limits('haiku')).toEqual({
      contextWindowTokens: 1_000_000,
      maxTokens: 16_000,
    });
    expect(limits('haiku-4.5')).toEqual({
      contextWindowTokens: 200_000,
      maxTokens: 4_096,
    });
    expect(limits('eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 1_000).maxTokens).toBe(1_000);
    expect(limits('some-future-model').contextWindowTokens).toBe(DEFAULT_CONTEXT_WINDOW_TOKENS);
  });
});

describe('fitToContextWindow', () => {
  const history = [...sized(100, 'first'), ...sized(100, 'second'), ...sized(100, 'third')];
  const prompt = userMessage('now');

  it('sends everything when it fits', () => {
    const fitted = fitToContextWindow({ history, prompt, contextWindowTokens: 10_000, maxTokens: 1_000 });
    expect(fitted.trimmed).toBeNull();
    expect(fitted.messages).toHaveLength(7);
  });

  it('drops whole pairs from the oldest, keeping alternation and the system prompt', () => {
    const fitted = fitToContextWindow({
      history,
      prompt,
      system: 's'.repeat(400),
      contextWindowTokens: 1_000,
      maxTokens: 600,
    });
    expect(fitted.trimmed).toMatchObject({ droppedMessages: 4, keptMessages: 2 });
    expect(fitted.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(fitted.messages[0]?.content[0]).toMatchObject({ text: expect.stringMatching(/^third/) });
  });

  it('drops a pair that answers a tool call whose request was dropped', () => {
    const toolHistory: Message[] = [
      userMessage('x'.repeat(2_000)),
      assistantMessage([{ toolUse: { toolUseId: 't1', name: 'search', input: {} } }]),
      userMessage([{ toolResult: { toolUseId: 't1', content: [{ text: 'result' }] } }]),
      assistantMessage('done'),
      ...sized(50, 'later'),
    ];
    const fitted = fitToContextWindow({
      history: toolHistory,
      prompt,
      contextWindowTokens: 500,
      maxTokens: 100,
    });
    expect(fitted.trimmed?.droppedMessages).toBe(4);
    expect(fitted.messages[0]?.content[0]).toMatchObject({ text: expect.stringMatching(/^later/) });
  });

  it('throws CONTEXT_WINDOW_EXCEEDED when the prompt alone does not fit', () => {
    expect(() =>
      fitToContextWindow({
        history,
        prompt: userMessage('p'.repeat(4_000)),
        contextWindowTokens: 1_500,
        maxTokens: 600,
      }),
    ).toThrow(expect.objectContaining({ code: 'CONTEXT_WINDOW_EXCEEDED' }));
  });
});
