import type { ToolUseBlock } from '../messages/content-block-schemas.js';
import type { ChatStep } from './chat-step.js';

/** What a stop condition sees: the steps taken so far, the last one's calls not yet run. */
export interface LoopState {
  readonly steps: readonly ChatStep[];
  /** The tool calls the model just asked for. */
  readonly pendingCalls: readonly ToolUseBlock['toolUse'][];
}

/**
 * A predicate over the steps taken, checked each time the model asks for tools, before they run
 * (patterned on the AI SDK's `stopWhen`, vercel/ai packages/ai/src/generate-text/stop-condition.ts).
 * When one holds, the loop stops: the calls are not run and the result ends with the model's
 * request, as a call without `execute` does.
 */
export type StopCondition = (state: LoopState) => boolean;

/** The default bound of a loop: 10 model calls. */
export const DEFAULT_MAX_STEPS = 10;

/** Stops once `count` model calls were made. */
export function maxSteps(count: number): StopCondition {
  return (state) => state.steps.length >= count;
}

/** Stops when the model asks for `name` (e.g. a final-answer tool). */
export function hasToolCall(name: string): StopCondition {
  return (state) => state.pendingCalls.some((call) => call.name === name);
}

/** Whether any of the conditions holds (they combine any-of). */
export function anyConditionMet(conditions: readonly StopCondition[], state: LoopState): boolean {
  return conditions.some((condition) => condition(state));
}
