import {
  type ChatClient,
  missingProfileError,
  type ResolvedModel,
  type SendPromptOptions,
  type SendPromptResult,
  sendPrompt,
  streamPrompt,
} from '@bedrock-chat/core';
import type { OutputStream } from '../cli-io.js';
import type { TurnOptions } from '../cli-options.js';
import { checkModel, formatModelWarning } from '../model-check.js';
import { formatCitations } from '../render/format-citations.js';
import { formatUsage } from '../render/format-usage.js';
import { ansi } from '../render/markdown-ansi.js';
import type { ReasoningWriter } from '../render/reasoning-writer.js';
import type { ReplyWriter } from '../render/reply-writer.js';
import type { Spinner } from '../render/spinner.js';

/** The chat options of a turn as the conversation flow takes them. */
type TurnChatKeys =
  | 'model'
  | 'system'
  | 'temperature'
  | 'maxTokens'
  | 'cache'
  | 'citations'
  | 'thinking'
  | 'effort'
  | 'serviceTier'
  | 'latency'
  | 'maxSteps';
export function turnChatOptions(
  options: Pick<TurnOptions, TurnChatKeys>,
): Pick<SendPromptOptions, TurnChatKeys> {
  return {
    model: options.model,
    system: options.system,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    // Only `--no-cache` says anything: core's default (on) stays core's.
    ...(options.cache === false ? { cache: false } : {}),
    ...(options.citations ? { citations: true } : {}),
    ...(options.thinking === undefined ? {} : { thinking: options.thinking }),
    ...(options.effort === undefined ? {} : { effort: options.effort }),
    ...(options.serviceTier === undefined ? {} : { serviceTier: options.serviceTier }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
  };
}

/**
 * Runs one turn through core's conversation flow (which loads the history, calls the model and
 * stores the exchange atomically), showing the reply as it arrives, after its reasoning (on
 * stderr) when there is a reasoning writer.
 */
export async function runTurn(
  options: SendPromptOptions,
  stream: boolean,
  output: { reply: ReplyWriter | undefined; spinner: Spinner; reasoning?: ReasoningWriter | undefined },
): Promise<SendPromptResult> {
  const { approve, onStep } = options;
  // A tool line or an approval question must not be drawn over by the spinner.
  const quiet: Pick<SendPromptOptions, 'approve' | 'onStep'> = {
    ...(approve
      ? {
          approve: (call) => {
            output.spinner.stop();
            return approve(call);
          },
        }
      : {}),
    ...(onStep
      ? {
          onStep: (step) => {
            output.spinner.stop();
            onStep(step);
          },
        }
      : {}),
  };
  const turn = { ...options, ...quiet };
  try {
    if (!stream) {
      const outcome = await sendPrompt(turn);
      output.spinner.stop();
      output.reasoning?.push(outcome.result.reasoning ?? '');
      output.reasoning?.end();
      output.reply?.push(outcome.result.text);
      return outcome;
    }
    for await (const event of streamPrompt(turn)) {
      if (event.type === 'reasoning') {
        output.spinner.stop();
        output.reasoning?.push(event.text);
      } else if (event.type === 'text') {
        output.spinner.stop();
        output.reasoning?.end();
        output.reply?.push(event.text);
      } else if (event.type === 'result') {
        const { type: _type, ...outcome } = event;
        return outcome;
      }
    }
    throw new Error('The reply stream ended without a result.');
  } finally {
    output.spinner.stop();
    output.reasoning?.end();
    output.reply?.end();
  }
}

/**
 * Resolves the configuration before anything else happens (a bad setting fails here, exit 2) and
 * prints core's notices once: credentials taken from, or ignored in, `.env`.
 */
export async function noteConfig(client: ChatClient, stderr: OutputStream, color: boolean): Promise<void> {
  const config = await client.config();
  for (const notice of config.notices) stderr.write(`${dim(notice, color)}\n`);
  // A profile that does not exist fails every call: say so once, before a REPL starts reading.
  const missingProfile = missingProfileError(config);
  if (missingProfile) throw missingProfile;
}

/**
 * Tells the user, once, which inference profile an alias or bare model id became, and warns (as
 * doctor does) about a model the built-in table does not know, before the call that may fail.
 * A model not offered in the region is left to the call's own error unless `unavailable` is set.
 */
export async function noteModelChoice(
  client: ChatClient,
  model: string | undefined,
  stderr: OutputStream,
  options: { color: boolean; unavailable?: boolean },
): Promise<void> {
  const resolved = await client.resolveModel(model);
  if (resolved.note) stderr.write(`${dim(`model: ${resolved.note}`, options.color)}\n`);
  stderr.write(await modelWarning(client, resolved, options.unavailable === true));
}

/** doctor's model check as `warning:`/`hint:` lines, or '' when the model is known. */
export async function modelWarning(
  client: ChatClient,
  resolved: ResolvedModel,
  unavailable: boolean,
): Promise<string> {
  const check = checkModel(resolved, (await client.config()).region.value);
  return check.status === 'warn' || (check.status === 'fail' && unavailable) ? formatModelWarning(check) : '';
}

export function dim(text: string, color: boolean): string {
  return color ? ansi.dim(text) : text;
}

const STOP_WARNINGS: Partial<Record<string, string>> = {
  max_tokens: 'the reply was cut off at the token limit; raise it with --max-tokens.',
  model_context_window_exceeded: 'the reply was cut off: the conversation fills the context window.',
  content_filtered: 'the reply was stopped by a content filter.',
  guardrail_intervened: 'a guardrail stopped the reply.',
  malformed_model_output: 'the model produced malformed output.',
};

/**
 * Status after a reply, on stderr: settings the model refused (and core did not send),
 * trimming, a cut-off reply, the conversation id, usage.
 */
export function reportTurn(
  stderr: OutputStream,
  outcome: SendPromptResult,
  options: { usage: boolean; conversationId: boolean; color: boolean },
): void {
  const { color } = options;
  // Sources first, right after the reply they belong to (asked for with --citations).
  if (outcome.result.citations) stderr.write(formatCitations(outcome.result.citations));
  for (const warning of outcome.result.warnings ?? []) stderr.write(`warning: ${warning}\n`);
  if (
    outcome.result.message.content.some(
      (block) => 'reasoningContent' in block && 'redactedContent' in block.reasoningContent,
    )
  ) {
    stderr.write(
      `${dim("note: part of the reasoning was redacted by the model's safety systems (it stays stored, encrypted).", color)}\n`,
    );
  }
  if (outcome.trimmed) {
    stderr.write(
      `${dim(`note: ${outcome.trimmed.droppedMessages} older messages were left out to fit the context window (they stay stored).`, color)}\n`,
    );
  }
  const warning = STOP_WARNINGS[outcome.result.stopReason];
  if (warning) stderr.write(`warning: ${warning}\n`);
  if (outcome.result.stoppedBy === 'max-steps') {
    const calls = outcome.result.steps?.length ?? 0;
    stderr.write(
      `warning: the model still asked for tools after ${calls} model calls (the limit); those calls were not run.\n`,
    );
  }
  if (options.conversationId && outcome.saved && outcome.conversation) {
    stderr.write(`${dim(`conversation: ${outcome.conversation.id}`, color)}\n`);
  }
  if (options.usage) {
    const { result } = outcome;
    stderr.write(
      `${dim(`usage: ${formatUsage({ usage: result.usage, costUsd: result.costUsd, cacheSavedUsd: result.cacheSavedUsd, latencyMs: result.latencyMs, serviceTier: result.serviceTier, latency: result.latency })}`, color)}\n`,
    );
  }
}
