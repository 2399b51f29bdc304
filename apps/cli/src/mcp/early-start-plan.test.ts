import { describe, expect, it } from 'vitest';
import { parseTurnOptions, type RawTurnFlags } from '../cli-options.js';
import { earlyStartPlan } from './early-start-plan.js';

/** commander's opts() of `ask --mcp fs …`: the defaults of the --no-… switches are always there. */
const opts = (extra: RawTurnFlags): RawTurnFlags => ({
  stream: true,
  cache: true,
  save: true,
  mcp: ['fs'],
  ...extra,
});
const plan = (flags: RawTurnFlags, words = ['hi'], stdinIsTTY = true) =>
  earlyStartPlan({ command: 'ask', flags, words, stdinIsTTY });

describe('earlyStartPlan', () => {
  it('starts at once only when no option check can refuse the command', () => {
    const accepted: RawTurnFlags[] = [
      opts({}),
      opts({ allowTool: ['fs:*'], yes: true, json: true, usage: true }),
      opts({
        mcpConfig: ['.mcp.json'],
        think: true,
        citations: true,
        stream: false,
        save: false,
        cache: false,
      }),
    ];
    for (const flags of accepted) {
      expect(plan(flags)).toBe('now');
      // The promise behind `now`: the checks the command runs next accept it.
      expect(() => parseTurnOptions(flags)).not.toThrow();
    }
  });

  it('checks first whatever a check could refuse', () => {
    for (const flags of [
      opts({ temperature: '5' }),
      opts({ maxSteps: '1e3' }),
      opts({ allowTool: [' '] }),
      opts({ model: 'haiku' }),
      opts({ mcpStartTimeout: '15s' }),
      opts({ region: 'mars' }),
    ]) {
      expect(plan(flags)).toBe('after-check');
    }
  });

  it('leaves the servers to the command when it reads files or has no prompt first', () => {
    expect(plan(opts({ attach: ['missing.pdf'] }))).toBe('later');
    expect(plan(opts({ schema: 'plan.json' }))).toBe('later');
    // There may be no conversation to continue: the store says so before any server starts.
    expect(plan(opts({ continue: true }))).toBe('later');
    expect(plan(opts({ conversation: '01JDQ5Z8M3X4B2N7K9P0R6S1TV' }))).toBe('later');
    expect(plan(opts({ conversation: '01JDQ5Z8M3X4B2N7K9P0R6S1TV', continue: true }))).toBe('later');
    expect(plan(opts({}), [], true)).toBe('later');
    expect(plan(opts({}), ['  '], true)).toBe('later');
    // The prompt comes on stdin: the servers start while it is read.
    expect(plan(opts({}), [], false)).toBe('now');
    expect(earlyStartPlan({ command: 'chat', flags: opts({}), words: [], stdinIsTTY: true })).toBe('now');
  });
});
