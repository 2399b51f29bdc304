import { describe, expect, it } from 'vitest';
import type { ContentBlock } from '../converse-request.js';
import { assistant, refusal, request, text, user } from './__fixtures__/rule-fixtures.js';
import { errorResultContent, toolResultsAnswerToolUses } from './tool-result-rules.js';

const call = (toolUseId: string): ContentBlock => ({ toolUse: { toolUseId, name: 'weather', input: {} } });
const result = (
  toolUseId: string,
  content: ContentBlock[] = [text('ok')],
  status?: string,
): ContentBlock => ({
  toolResult: { toolUseId, content, status },
});
const afterCalls = (...answers: ContentBlock[]) =>
  request({ messages: [user(text('go')), assistant(call('a'), call('b')), user(...answers)] });

describe('toolResultsAnswerToolUses', () => {
  it('accepts one result per call in any order, with text beside them', () => {
    expect(refusal(toolResultsAnswerToolUses, afterCalls(result('b'), result('a'), text('and?')))).toBeNull();
  });

  it('names the calls left unanswered, or answered with another id', () => {
    expect(refusal(toolResultsAnswerToolUses, afterCalls(result('a')))).toBe(
      'Expected toolResult blocks at messages.2.content for the following Ids: b',
    );
    expect(refusal(toolResultsAnswerToolUses, afterCalls(result('x'), result('y')))).toBe(
      'Expected toolResult blocks at messages.2.content for the following Ids: a, b',
    );
    expect(refusal(toolResultsAnswerToolUses, afterCalls(text('never mind')))).toMatch(/Ids: a, b$/);
  });

  it('refuses more results than calls, also with no call before them', () => {
    expect(refusal(toolResultsAnswerToolUses, afterCalls(result('a'), result('b'), result('a')))).toBe(
      'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    );
    expect(refusal(toolResultsAnswerToolUses, request({ messages: [user(result('a'))] }))).toMatch(
      /^The number of toolResult blocks at messages\.0\.content exceeds/,
    );
  });

  it('does not check a final assistant turn with calls', () => {
    expect(
      refusal(toolResultsAnswerToolUses, request({ messages: [user(text('go')), assistant(call('a'))] })),
    ).toBeNull();
  });
});

describe('errorResultContent', () => {
  it('refuses an error result without content, and accepts an empty successful one', () => {
    expect(refusal(errorResultContent, afterCalls(result('a'), result('b', [], 'error')))).toBe(
      'The content field at messages.2.content.1.toolResult cannot be empty when status value is error.',
    );
    expect(refusal(errorResultContent, afterCalls(result('a'), result('b', [])))).toBeNull();
  });
});
