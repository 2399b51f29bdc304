/** Stop reasons of the Converse API. */
export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'malformed_model_output'
  | 'malformed_tool_use'
  | 'model_context_window_exceeded';

/** The `usage` object of a Converse response and of the stream's `metadata` event. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  readonly cacheReadInputTokens?: number;
  readonly cacheWriteInputTokens?: number;
  readonly cacheDetails?: readonly { readonly ttl: '5m' | '1h'; readonly inputTokens: number }[];
}

/** A tool call the scripted model makes. */
export interface ScriptedToolUse {
  readonly toolUseId: string;
  readonly name: string;
  /** Any JSON value; streamed as a JSON string split across `toolUse.input` deltas. */
  readonly input: unknown;
}

/**
 * One scripted model turn, consumed by the next Converse or ConverseStream request.
 * Blocks come out in the order reasoning → text → tool uses.
 *
 * - `text`: the reply text. Without `text`, `generate` or `toolUse`, the echo reply is used.
 * - `generate`: `tokens` tokens of deterministic filler words, for benchmarks.
 * - `reasoning`: a reasoning block (text, then signature) before the text. Without a signature it
 *   gets the emulator's own (`reasoning-signature.ts`), which it accepts when the block comes
 *   back; a scripted signature is refused then, as a forged one would be.
 * - `toolUse`: one or more tool calls; the stop reason becomes `tool_use`.
 * - `stopReason`: overrides the computed stop reason.
 * - `usage`: overrides members of the computed usage (`totalTokens` is recomputed unless given).
 *
 * `inferenceConfig.maxTokens` and `stopSequences` still cut scripted text, as a real model would.
 */
export interface ScriptedReply {
  readonly text?: string;
  readonly generate?: { readonly tokens: number };
  readonly reasoning?: { readonly text: string; readonly signature?: string };
  readonly toolUse?: ScriptedToolUse | readonly ScriptedToolUse[];
  readonly stopReason?: StopReason;
  readonly usage?: Partial<TokenUsage>;
}

const FILLER_WORDS = [
  'the',
  'fox',
  'ran',
  'far',
  'and',
  'saw',
  'sun',
  'sky',
  'sea',
  'owl',
  'map',
  'art',
  'joy',
  'oak',
  'ink',
  'bay',
  'elm',
  'fig',
  'gem',
  'hue',
  'ivy',
  'jam',
  'key',
  'log',
  'mud',
  'net',
  'orb',
  'pea',
  'rye',
  'tea',
  'urn',
  'web',
] as const;

/**
 * `tokens` tokens of deterministic text: three-letter words joined by spaces, so each word plus
 * its separator is exactly one token under the emulator's 4-characters-per-token rule.
 */
export function generateFillerText(tokens: number): string {
  const words: string[] = [];
  // A fixed linear congruential sequence (high bits: the low ones cycle too fast): varied enough
  // to look like text, identical every run.
  let seed = 7;
  for (let index = 0; index < tokens; index++) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    words.push(FILLER_WORDS[(seed >>> 16) % FILLER_WORDS.length] ?? 'the');
  }
  return words.join(' ');
}
