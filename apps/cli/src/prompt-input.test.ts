import { describe, expect, it } from 'vitest';
import { combinePrompt } from './prompt-input.js';

describe('combinePrompt', () => {
  it('takes the prompt from arguments, or from stdin alone', () => {
    expect(combinePrompt(['What', 'is', 'Bedrock?'], undefined)).toBe('What is Bedrock?');
    expect(combinePrompt([], 'piped question\n')).toBe('piped question');
    expect(combinePrompt(['only args'], '')).toBe('only args');
  });

  it('puts stdin first as context and the arguments last as the instruction', () => {
    expect(combinePrompt(['summarise'], '# Notes\n\n- one\n')).toBe('# Notes\n\n- one\n\nsummarise');
  });

  it('refuses an empty prompt as invalid input', () => {
    expect(() => combinePrompt([], '  \n')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => combinePrompt([' '], undefined)).toThrow('No prompt given.');
  });
});
