import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthOptions } from './auth.js';
import { EmulatorError } from './bedrock-errors.js';
import type { Fault, FaultQueue, Operation } from './faults.js';
import type { HttpExchange } from './http-exchange.js';
import type { EmulatedModel } from './model-catalogue.js';
import type { PromptCache } from './prompt-cache.js';
import type { RecordedRequestDraft, RequestLog } from './request-log.js';
import type { ScriptedReply } from './scripted-reply.js';

/** Timing knobs of generated replies; changeable while the emulator runs. */
export interface StreamingDefaults {
  /** Delay before the first event of a stream (and added to every Converse reply). */
  readonly ttftMs: number;
  /** Delay between consecutive content deltas (Converse waits for all of them too). */
  readonly chunkDelayMs: number;
  /** Tokens per content delta (4 characters each). */
  readonly chunkTokens: number;
}

/** What the operation handlers share with the emulator. */
export interface EmulatorState {
  readonly region: string;
  /** The models served: the built-in catalogue plus `additionalModels`. */
  readonly models: readonly EmulatedModel[];
  readonly auth: AuthOptions;
  defaults: StreamingDefaults;
  readonly replies: ScriptedReply[];
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** Prefixes written by cache points, per model, until their TTL runs out. */
  readonly promptCache: PromptCache;
  /** Aborted by `close()`, so pending delays and streams stop at once. */
  readonly shutdown: AbortSignal;
  /** Set by `Emulator.hold()`: replies wait until it resolves. */
  held?: Promise<void> | undefined;
}

/** One routed request, as an operation handler sees it. */
export interface OperationContext {
  readonly exchange: HttpExchange;
  readonly record: RecordedRequestDraft;
  readonly state: EmulatorState;
  readonly modelId: string;
  readonly body: unknown;
  /** Aborted when the client leaves or the emulator closes. */
  readonly signal: AbortSignal;
  /** `performance.now()` when the request arrived, for `metrics.latencyMs`. */
  readonly receivedAt: number;
}

/**
 * Consumes the next fault armed for `operation`. Error faults are thrown as the HTTP error they
 * stand for; faults that act on the response itself (drop, stream-exception) are returned.
 */
export function takeFault(context: OperationContext, operation: Operation): Fault | undefined {
  const fault = context.state.faults.take(operation);
  if (fault === undefined) return undefined;
  context.record.fault = fault.kind;
  if (fault.kind === 'error') throw new EmulatorError(fault.error, fault.message);
  if (fault.kind === 'throttle') throw new EmulatorError('ThrottlingException', fault.message);
  return fault;
}

/** Waits `ms`; resolves false instead of waiting on when `signal` aborts. */
export async function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Waits while replies are held (`Emulator.hold`); resolves false when `signal` aborts first. */
export async function whileHeld(state: EmulatorState, signal: AbortSignal): Promise<boolean> {
  const held = state.held;
  if (held === undefined || signal.aborted) return !signal.aborted;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  await Promise.race([held, aborted]);
  if (onAbort) signal.removeEventListener('abort', onAbort);
  return !signal.aborted;
}
