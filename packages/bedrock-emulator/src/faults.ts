import type { BedrockErrorName, StreamExceptionName } from './bedrock-errors.js';

/** Operations the emulator serves. */
export type Operation =
  | 'Converse'
  | 'ConverseStream'
  | 'CountTokens'
  | 'ListFoundationModels'
  | 'ListInferenceProfiles';

interface FaultScope {
  /** How many matching requests the fault applies to; then requests behave normally. Default 1. */
  readonly times?: number;
  /** Operations the fault applies to. Default: Converse and ConverseStream. */
  readonly operations?: readonly Operation[];
}

/**
 * A failure the next matching requests suffer, after auth and validation have passed.
 *
 * - `error`: an HTTP error response `{status, x-amzn-errortype: error, {"message"}}`.
 * - `throttle`: shorthand for `error: 'ThrottlingException'` (429).
 * - `stream-exception`: ConverseStream only; after `afterEvents` event frames (default 0: the
 *   exception is the first frame, which makes the SDK's `send()` reject), an exception frame
 *   ends the stream.
 * - `drop`: the connection is destroyed, before any response bytes when `afterEvents` is
 *   undefined, else after that many stream frames (ConverseStream) or mid-body (Converse).
 *   `scope: 'stream'` resets only the HTTP/2 stream (RST_STREAM) instead of closing the TCP
 *   connection. Note: the AWS SDK's HTTP/2 handler ends a response stream *silently* when the
 *   connection closes mid-stream (no error, no messageStop), whereas a stream reset or an
 *   HTTP/1.1 drop makes the `for await` throw.
 */
export type Fault =
  | (FaultScope & { readonly kind: 'error'; readonly error: BedrockErrorName; readonly message?: string })
  | (FaultScope & { readonly kind: 'throttle'; readonly message?: string })
  | (FaultScope & {
      readonly kind: 'stream-exception';
      readonly exception: StreamExceptionName;
      readonly afterEvents?: number;
      readonly message?: string;
    })
  | (FaultScope & {
      readonly kind: 'drop';
      readonly afterEvents?: number;
      readonly scope?: 'connection' | 'stream';
    });

const DEFAULT_OPERATIONS: readonly Operation[] = ['Converse', 'ConverseStream'];

interface PendingFault {
  readonly fault: Fault;
  remaining: number;
}

/** FIFO of armed faults; each request takes the first one that applies to its operation. */
export class FaultQueue {
  #pending: PendingFault[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`Fault times must be a positive integer: ${times}`);
    this.#pending.push({ fault, remaining: times });
  }

  /** Takes one use of the first fault that applies to `operation`, if any. */
  take(operation: Operation): Fault | undefined {
    const index = this.#pending.findIndex((pending) => appliesTo(pending.fault, operation));
    const pending = this.#pending[index];
    if (pending === undefined) return undefined;
    pending.remaining--;
    if (pending.remaining === 0) this.#pending.splice(index, 1);
    return pending.fault;
  }

  get size(): number {
    return this.#pending.length;
  }

  clear(): void {
    this.#pending = [];
  }
}

function appliesTo(fault: Fault, operation: Operation): boolean {
  if (fault.kind === 'stream-exception' && operation !== 'ConverseStream') return false;
  return (fault.operations ?? DEFAULT_OPERATIONS).includes(operation);
}
