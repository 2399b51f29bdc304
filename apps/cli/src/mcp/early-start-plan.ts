import type { RawTurnFlags } from '../cli-options.js';

/**
 * When `ask --mcp` / `chat --mcp` may spawn their stdio servers early (mcp/early-start.ts), right
 * after argv is parsed and before core loads: only when the command cannot then be refused before
 * it would use them. A server that starts runs its own code (it may write files, open
 * connections), so ending it after a refusal is too late: a refused command must start none.
 *
 * - `now`: every option given is one the option checks cannot refuse (this list), so the command
 *   goes on to use its servers; they start at once and their start-up overlaps ours.
 * - `after-check`: some value could be refused (`-t 5`, `--max-steps 1e3`, `--schema` with
 *   `--mcp` …): the options are checked first (parseTurnOptions, which loads core), then the
 *   servers start, still before the prompt is read and the configuration resolved.
 * - `later`: the command reads files that may be refused (`--attach`, `--schema`), continues a
 *   conversation (`-c`, `--conversation`: there may be none to continue) or has no prompt at all:
 *   the servers start where the command takes them up (startTools), after those files.
 *
 * The environment and the config file (AWS_REGION, AWS_MAX_ATTEMPTS, a missing profile …) are
 * only checked once core has loaded, after the spawn: a command refused there ends its servers at
 * once, without waiting for their start-up or warning about them (startTools' close()).
 */
export type EarlyStartPlan = 'now' | 'after-check' | 'later';

/** Options that no check refuses whatever their value (switches, and --mcp/--mcp-config, which early-start checks itself). */
const NEVER_REFUSED = new Set([
  'mcp',
  'mcpConfig',
  'yes',
  'stream',
  'cache',
  'citations',
  'think',
  'json',
  'save',
  'usage',
]);

export interface EarlyStartInput {
  command: 'ask' | 'chat';
  /** commander's `opts()` of the command: defaults included, values unchecked. */
  flags: RawTurnFlags;
  /** `ask`'s prompt words. */
  words: readonly string[];
  stdinIsTTY: boolean;
}

export function earlyStartPlan(input: EarlyStartInput): EarlyStartPlan {
  const { flags } = input;
  if (flags.attach !== undefined || flags.schema !== undefined) return 'later';
  if (flags.continue === true || flags.conversation !== undefined) return 'later';
  // `ask` with no prompt in its arguments and none to read on stdin is refused ("No prompt given").
  if (input.command === 'ask' && input.stdinIsTTY && input.words.join('').trim() === '') return 'later';
  for (const [name, value] of Object.entries(flags) as [string, unknown][]) {
    if (value === undefined || NEVER_REFUSED.has(name)) continue;
    // --allow-tool takes any pattern but a blank one.
    if (name === 'allowTool' && Array.isArray(value) && value.every((item) => String(item).trim() !== ''))
      continue;
    return 'after-check';
  }
  return 'now';
}
