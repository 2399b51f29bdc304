import { citedPassages, type EmulatedCitation } from './cited-reply.js';
import type { ConverseRequest } from './converse-request.js';
import { mediaSummary } from './media-summary.js';
import type { CacheUsage } from './prompt-cache.js';
import { signReasoning } from './reasoning-signature.js';
import { textFormatOf, textFormatSchema } from './rules/output-rules.js';
import { valueForSchema } from './schema-value.js';
import {
  generateFillerText,
  type ScriptedReply,
  type ScriptedToolUse,
  type StopReason,
  type TokenUsage,
} from './scripted-reply.js';
import { plannedReasoning } from './thinking-reply.js';
import { CHARS_PER_TOKEN, charCount, countInputTokens, lastUserText, tokensForChars } from './token-count.js';
import { planToolReply } from './tool-model.js';

/** A content block of the reply, before it is shaped for Converse or ConverseStream. */
export type PlannedBlock =
  | { readonly type: 'reasoning'; readonly text: string; readonly signature: string }
  /** Reasoning the model's safety systems encrypted: opaque base64 bytes. */
  | { readonly type: 'redacted'; readonly data: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'toolUse'; readonly toolUse: ScriptedToolUse }
  | { readonly type: 'cited'; readonly text: string; readonly citation: EmulatedCitation };

export interface ReplyPlan {
  readonly blocks: readonly PlannedBlock[];
  readonly stopReason: StopReason;
  readonly usage: TokenUsage;
}

/**
 * The default reply: the text of the last user message, prefixed; then, when the request holds
 * images or documents, one line for each (see {@link mediaSummary}).
 */
export function echoText(request: Pick<ConverseRequest, 'messages'>): string {
  const media = mediaSummary(request);
  const echo = `Echo: ${lastUserText(request.messages)}`;
  return media === '' ? echo : `${echo}\n${media}`;
}

/**
 * The structured answer when the request asks for one (`outputConfig.textFormat`): the JSON of a
 * value of the schema (`schema-value.ts`), as constrained decoding makes a real model's.
 */
function structuredReply(request: ConverseRequest): ScriptedReply | undefined {
  if (textFormatOf(request) === undefined) return undefined;
  return { text: JSON.stringify(valueForSchema(textFormatSchema(request))) };
}

/**
 * Decides what the model "says": the scripted reply if any, else the tool-using model's
 * (`tool-model.ts`), else the structured answer, else the echo, after reasoning when the request
 * asks for thinking (`thinking-reply.ts`; signed so that it can be checked when it comes back); then applies
 * `maxTokens` (a budget of maxTokens × 4 characters across reasoning, text and tool input, in
 * that order) and `stopSequences` (text is cut before the earliest match), and counts usage.
 */
export function planReply(
  request: ConverseRequest,
  queued: ScriptedReply | undefined,
  modelMaxOutputTokens: number,
  cache?: CacheUsage,
): ReplyPlan {
  const scripted = queued ?? planToolReply(request) ?? structuredReply(request);
  const maxTokens = request.inferenceConfig?.maxTokens ?? modelMaxOutputTokens;
  let remainingChars = maxTokens * CHARS_PER_TOKEN;
  let outputChars = 0;
  let stopReason: StopReason | undefined;
  const blocks: PlannedBlock[] = [];

  const toolUses = scripted?.toolUse === undefined ? [] : [scripted.toolUse].flat();
  const text =
    scripted?.text ??
    (scripted?.generate ? generateFillerText(scripted.generate.tokens) : undefined) ??
    (toolUses.length > 0 ? undefined : echoText(request));

  const reasoning = scripted?.reasoning ?? plannedReasoning(request);
  if (reasoning && 'redacted' in reasoning) {
    blocks.push({ type: 'redacted', data: reasoning.redacted });
  } else if (reasoning) {
    const cut = truncate(reasoning.text, remainingChars);
    const signature = 'signature' in reasoning ? (reasoning.signature as string | undefined) : undefined;
    blocks.push({ type: 'reasoning', text: cut.text, signature: signature ?? signReasoning(cut.text) });
    remainingChars -= cut.chars;
    outputChars += cut.chars;
    if (cut.truncated) stopReason = 'max_tokens';
  }
  if (text !== undefined && stopReason === undefined) {
    const stopAt = earliestStopSequence(text, request.inferenceConfig?.stopSequences ?? []);
    const cut = truncate(stopAt === undefined ? text : sliceChars(text, stopAt), remainingChars);
    if (cut.chars > 0) blocks.push({ type: 'text', text: cut.text });
    remainingChars -= cut.chars;
    outputChars += cut.chars;
    if (cut.truncated) stopReason = 'max_tokens';
    else if (stopAt !== undefined) stopReason = 'stop_sequence';
  }
  // The echo cites the documents that ask for it; scripted and tool replies say what they say.
  if (queued === undefined && toolUses.length === 0) {
    for (const passage of citedPassages(request)) {
      if (stopReason !== undefined) break;
      const cut = truncate(`\n${passage.text}`, remainingChars);
      if (cut.chars > 0) blocks.push({ type: 'cited', text: cut.text, citation: passage.citation });
      remainingChars -= cut.chars;
      outputChars += cut.chars;
      if (cut.truncated) stopReason = 'max_tokens';
    }
  }
  for (const toolUse of toolUses) {
    if (stopReason !== undefined) break;
    const inputChars = charCount(`${toolUse.name}${JSON.stringify(toolUse.input ?? {})}`);
    // A tool call cut in half is useless to a client; a model out of budget simply never emits it.
    if (inputChars > remainingChars) {
      stopReason = 'max_tokens';
      break;
    }
    blocks.push({ type: 'toolUse', toolUse });
    remainingChars -= inputChars;
    outputChars += inputChars;
  }

  // Bedrock's inputTokens are the ones neither read from nor written to the cache.
  const cached = cache ? cache.cacheReadInputTokens + cache.cacheWriteInputTokens : 0;
  const inputTokens = Math.max(0, countInputTokens(request) - cached);
  const outputTokens = tokensForChars(outputChars);
  const override = scripted?.usage ?? {};
  const merged = { inputTokens, outputTokens, ...(cache ? cacheMembers(cache) : {}), ...override };
  const totalTokens =
    merged.inputTokens +
    merged.outputTokens +
    (merged.cacheReadInputTokens ?? 0) +
    (merged.cacheWriteInputTokens ?? 0);
  return {
    blocks,
    stopReason:
      scripted?.stopReason ??
      stopReason ??
      (blocks.some((block) => block.type === 'toolUse') ? 'tool_use' : 'end_turn'),
    usage: { ...merged, totalTokens: override.totalTokens ?? totalTokens },
  };
}

function cacheMembers(cache: CacheUsage): Partial<TokenUsage> {
  return {
    cacheReadInputTokens: cache.cacheReadInputTokens,
    cacheWriteInputTokens: cache.cacheWriteInputTokens,
    ...(cache.cacheDetails.length > 0 ? { cacheDetails: cache.cacheDetails } : {}),
  };
}

/** Position (in code points) of the earliest stop sequence in `text`. */
function earliestStopSequence(text: string, stopSequences: readonly string[]): number | undefined {
  let earliest: number | undefined;
  for (const sequence of stopSequences) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index === -1) continue;
    const position = charCount(text.slice(0, index));
    if (earliest === undefined || position < earliest) earliest = position;
  }
  return earliest;
}

function sliceChars(text: string, chars: number): string {
  return Array.from(text).slice(0, chars).join('');
}

function truncate(text: string, maxChars: number): { text: string; chars: number; truncated: boolean } {
  const chars = charCount(text);
  if (chars <= maxChars) return { text, chars, truncated: false };
  const budget = Math.max(0, maxChars);
  return { text: sliceChars(text, budget), chars: budget, truncated: true };
}
