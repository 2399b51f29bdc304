import type { ChatResult } from '../client/chat-types.js';
import type { Message } from '../messages/message-schemas.js';
import type { ToolCallRecord } from './tool-definition.js';

/** One model call of a tool loop and the tool calls that followed it. */
export interface ChatStep {
  /** 1 for the first model call. */
  readonly step: number;
  /** The model's reply: its message, stop reason, usage and cost for this call alone. */
  readonly result: ChatResult;
  /** The calls that were answered, in the model's order; empty when none was (or none ran). */
  readonly toolCalls: readonly ToolCallRecord[];
  /** The user message that carried the results back to the model; absent when none was sent. */
  readonly toolResults?: Message | undefined;
}

/**
 * Why a tool loop ended:
 * - `model`: the model ended its turn without asking for tools (see `stopReason`: `end_turn`,
 *   `max_tokens` …);
 * - `max-steps`: it asked for tools after the last allowed model call (`maxSteps`, default 10);
 *   those calls were not run;
 * - `stop-condition`: one of `stopWhen` held when it asked for tools; those calls were not run;
 * - `client-tool`: it asked for a tool without `execute`: the calls are the caller's to answer.
 */
export type LoopStopReason = 'model' | 'max-steps' | 'stop-condition' | 'client-tool';

/** Every message a loop added after the caller's: each reply, then the results sent back. */
export function stepMessages(steps: readonly ChatStep[]): Message[] {
  return steps.flatMap((step) =>
    step.toolResults === undefined ? [step.result.message] : [step.result.message, step.toolResults],
  );
}
