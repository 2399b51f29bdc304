import type { ChatStep, ToolCallRecord } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { ToolActivity } from './tool-activity.js';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

const record = (overrides: Partial<ToolCallRecord>): ToolCallRecord => ({
  toolUseId: 't1',
  name: 'fs__list_directory',
  input: { path: './notes' },
  step: 1,
  outcome: 'ran',
  result: { toolResult: { toolUseId: 't1', content: [{ text: '[FILE] a.txt\n[FILE] b.txt' }] } },
  ...overrides,
});

const step = (toolCalls: ToolCallRecord[]) => ({ step: 1, toolCalls }) as unknown as ChatStep;

describe('ToolActivity', () => {
  it('says when a result was cut to the limit before it went to the model', () => {
    const stderr = capture();
    const activity = new ToolActivity(
      stderr,
      (name) => name,
      (text) => text,
    );
    activity.step(step([record({ truncatedFromChars: 2_000_000 })]));
    expect(stderr.text()).toBe('  → [FILE] a.txt [FILE] b.txt (cut from 2000000 characters to the limit)\n');
  });

  it('shows each call as people name it and a one-line result, on stderr', () => {
    const stderr = capture();
    const activity = new ToolActivity(
      stderr,
      (name) => name.replace('__', ':'),
      (text) => text,
    );
    activity.call(record({}));
    activity.step(
      step([
        record({}),
        record({
          name: 'nosuch',
          input: {},
          outcome: 'unknown-tool',
          result: {
            toolResult: {
              toolUseId: 't2',
              content: [{ text: 'There is no tool named nosuch.' }],
              status: 'error',
            },
          },
        }),
        record({
          outcome: 'refused',
          result: { toolResult: { toolUseId: 't3', content: [{ text: 'not allowed' }], status: 'error' } },
        }),
      ]),
    );
    expect(stderr.text()).toBe(
      [
        'tool: fs:list_directory {"path":"./notes"}',
        '  → [FILE] a.txt [FILE] b.txt',
        'tool: nosuch',
        '  → error: There is no tool named nosuch.',
        '  → refused: not allowed',
        '',
      ].join('\n'),
    );
  });

  it('cuts long results and strips terminal escapes', () => {
    const stderr = capture();
    const activity = new ToolActivity(
      stderr,
      (name) => name,
      (text) => text,
    );
    activity.step(
      step([
        record({
          result: { toolResult: { toolUseId: 't1', content: [{ text: `\u001b[31m${'x'.repeat(300)}` }] } },
        }),
      ]),
    );
    const line = stderr.text().trimEnd();
    expect(line).not.toContain('\u001b');
    expect(line.length).toBeLessThanOrEqual(124);
    expect(line.endsWith('…')).toBe(true);
  });
});
