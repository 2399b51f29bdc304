import type { ChatOptions, ChatResult, ChatStreamEvent } from '../client/chat-types.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { ToolUseBlock } from '../messages/content-block-schemas.js';
import type { Message } from '../messages/message-schemas.js';
import { checkAppended } from '../request/normalise-messages.js';
import { type ChatStep, type LoopStopReason, stepMessages } from './chat-step.js';
import { loopResult } from './loop-result.js';
import { runToolCalls } from './run-tool-calls.js';
import { type ContextLimits, checkStepContext } from './step-context.js';
import { anyConditionMet, DEFAULT_MAX_STEPS, type LoopState, maxSteps } from './stop-conditions.js';
import type { ToolDefinition } from './tool-definition.js';

/** How the loop makes a model call, and what it already checked. */
export interface StepMode {
  readonly streaming: boolean;
  /** The messages passed `normaliseMessages`: the loop checks each it adds (`checkAppended`). */
  readonly messagesChecked: boolean;
  /** The options passed the call's option check at an earlier step of this loop. */
  readonly optionsChecked: boolean;
}

/** One model call of the loop: the client's call wrapper (deltas while streaming, then the result). */
export type StepCall = (
  messages: Message[],
  options: ChatOptions,
  mode: StepMode,
) => AsyncGenerator<ChatStreamEvent, ChatResult>;

export interface ToolLoopOptions {
  readonly call: StepCall;
  /** The caller's messages, as `normaliseMessages` returned them. */
  readonly messages: readonly Message[];
  readonly options: ChatOptions;
  readonly streaming: boolean;
  readonly now?: (() => number) | undefined;
  /** The model's context window and reply room for these options; each step is checked against it. */
  readonly contextLimits?: ((options: ChatOptions) => Promise<ContextLimits>) | undefined;
}

/**
 * Whether a call runs the loop: some tool has `execute`. One check when tools are not used.
 * Options that are not an object, and tools that are not an array of objects, run no loop: the
 * call's option check reports them (INVALID_INPUT) instead of a TypeError here.
 */
export function runsToolLoop(options: ChatOptions): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const { tools } = options;
  return (
    Array.isArray(tools) &&
    tools.some(
      (tool: unknown) =>
        typeof tool === 'object' && tool !== null && 'execute' in tool && tool.execute !== undefined,
    )
  );
}

function toolUses(message: Message): ToolUseBlock['toolUse'][] {
  return message.content.flatMap((block) => ('toolUse' in block ? [block.toolUse] : []));
}

function cancelled(steps: readonly ChatStep[], cause: unknown): BedrockChatError {
  if (BedrockChatError.isInstance(cause) && cause.code === 'ABORTED') return cause;
  return new BedrockChatError({
    code: 'ABORTED',
    message: 'The request was cancelled.',
    cause,
    details: { completedSteps: steps.length },
  });
}

/**
 * The agent loop: call the model, run the tools it asks for (see `runToolCalls`), send the
 * results, and repeat until it ends its turn, a stop condition holds (`maxSteps`, default 10,
 * any-of with `stopWhen`), or it calls a tool without `execute`. A forced `toolChoice` applies
 * to the first call only, so the model can answer once it has the results. Yields the model's
 * deltas (when streaming), one `tool-result` per answered call and one `step` per model call;
 * returns the last reply with `steps`, the added `messages`, usage and cost summed, and
 * `stoppedBy`. `onStep` sees each step as it completes, so a caller interrupted later still
 * knows which tools ran. Cancelling `signal` stops the loop with ABORTED; a step whose tools
 * were running then completes first, its unfinished calls answered `interrupted`.
 */
export async function* runToolLoop(loop: ToolLoopOptions): AsyncGenerator<ChatStreamEvent, ChatResult> {
  const { call, messages, options, streaming } = loop;
  const now = loop.now ?? (() => performance.now());
  const started = now();
  // The options are checked by the first call; until then a hole or a null in the list is skipped
  // here, so that check (INVALID_INPUT, before any request) is what the caller sees.
  const tools = new Map<string, ToolDefinition>();
  for (const tool of options.tools ?? []) if (tool) tools.set(tool.name, tool);
  const stepLimit = maxSteps(options.maxSteps ?? DEFAULT_MAX_STEPS);
  const conditions = [options.stopWhen ?? []].flat();
  const history: Message[] = [...messages];
  let checked = history.length;
  const steps: ChatStep[] = [];
  const finish = (stoppedBy: LoopStopReason): ChatResult =>
    loopResult(steps, stepMessages(steps), stoppedBy, Math.round(now() - started));
  const stepOptions: ChatOptions = { ...options, toolChoice: undefined };

  for (let number = 1; ; number++) {
    if (options.signal?.aborted) throw cancelled(steps, options.signal.reason);
    if (loop.contextLimits) {
      const limits = await loop.contextLimits(options);
      checkStepContext({ messages: history, system: options.system, limits, step: number });
    }
    // The history is the caller's checked messages and what this loop added: only the added ones
    // are checked again (zod over the whole history was most of the loop's own CPU per step).
    if (number > 1) checkAppended(history, checked);
    checked = history.length;
    const mode: StepMode = { streaming, messagesChecked: true, optionsChecked: number > 1 };
    const result = yield* call(history, number === 1 ? options : stepOptions, mode);
    history.push(result.message);
    const calls = result.stopReason === 'tool_use' ? toolUses(result.message) : [];
    const unanswered: ChatStep = { step: number, result, toolCalls: [] };
    const state: LoopState = { steps: [...steps, unanswered], pendingCalls: calls };
    const stoppedBy: LoopStopReason | undefined =
      calls.length === 0
        ? 'model'
        : calls.some((pending) => tools.has(pending.name) && tools.get(pending.name)?.execute === undefined)
          ? 'client-tool'
          : stepLimit(state)
            ? 'max-steps'
            : anyConditionMet(conditions, state)
              ? 'stop-condition'
              : undefined;
    if (stoppedBy !== undefined) {
      steps.push(unanswered);
      options.onStep?.(unanswered);
      yield { type: 'step', step: unanswered };
      return finish(stoppedBy);
    }
    const records = await runToolCalls({
      calls,
      tools,
      step: number,
      approve: options.approve,
      concurrency: options.toolConcurrency,
      timeoutMs: options.toolTimeoutMs,
      resultMaxChars: options.toolResultMaxChars,
      signal: options.signal,
      now,
    });
    const toolResults: Message = { role: 'user', content: records.map((record) => record.result) };
    history.push(toolResults);
    const answered: ChatStep = { step: number, result, toolCalls: records, toolResults };
    steps.push(answered);
    options.onStep?.(answered);
    for (const record of records) yield { type: 'tool-result', call: record };
    yield { type: 'step', step: answered };
  }
}
