import type { ToolCall } from '@bedrock-chat/core';
import { describe, expect, it } from 'vitest';
import { createApprover, parseApprovalAnswer } from './tool-approval.js';

const call = (name: string): ToolCall => ({ toolUseId: `t-${name}`, name, input: {}, step: 1 });
const label = (wireName: string) => wireName.replace('__', ':');

describe('createApprover', () => {
  it('runs allowed tools and refuses the rest when nobody can be asked, naming the flag', async () => {
    const approver = createApprover({ all: false, covers: (name) => name === 'fs__list_directory', label });
    expect(await approver.approve(call('fs__list_directory'))).toBe(true);
    expect(await approver.approve(call('fs__write_file'))).toEqual({
      approved: false,
      reason:
        "fs:write_file is not allowed in this non-interactive run (the user can allow it with --allow-tool 'fs:write_file')",
    });
  });

  it('--yes allows everything', async () => {
    const approver = createApprover({ all: true, covers: () => false, label });
    expect(await approver.approve(call('fs__write_file'))).toBe(true);
  });

  it('asks the user: yes once, no, and always for this tool', async () => {
    const answers = ['yes', 'no', 'always'] as const;
    const asked: string[] = [];
    const approver = createApprover({
      all: false,
      covers: () => false,
      label,
      ask: async (_call, shown) => {
        asked.push(shown);
        return answers[asked.length - 1] ?? 'no';
      },
    });
    expect(await approver.approve(call('fs__read_file'))).toBe(true);
    expect(await approver.approve(call('fs__read_file'))).toEqual({
      approved: false,
      reason: 'the user said no',
    });
    expect(await approver.approve(call('fs__write_file'))).toBe(true);
    // "always" remembers the tool: no more questions for it.
    expect(await approver.approve(call('fs__write_file'))).toBe(true);
    expect(asked).toEqual(['fs:read_file', 'fs:read_file', 'fs:write_file']);
  });
});

describe('parseApprovalAnswer', () => {
  it('takes y, yes, a, always; anything else is no', () => {
    expect(['y', 'YES', ' a ', 'always', 'n', '', 'sure'].map(parseApprovalAnswer)).toEqual([
      'yes',
      'yes',
      'always',
      'always',
      'no',
      'no',
      'no',
    ]);
  });
});
