type AbortListener = (event: { type: 'abort' }) => void;

/**
 * The part of `AbortSignal` the AWS SDK uses (`aborted`, `reason`, `onabort`, and
 * `addEventListener`/`removeEventListener` for "abort"), without an EventTarget: a Node
 * AbortController's signal costs ~10 µs to create and its listeners a few µs each, per call —
 * most of core's own CPU per call. It is handed to the SDK only, never to callers.
 */
export class CallAbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: AbortListener | null = null;
  private listeners: AbortListener[] | undefined;

  addEventListener(type: string, listener: AbortListener): void {
    if (type !== 'abort' || this.aborted) return;
    this.listeners ??= [];
    this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: AbortListener): void {
    const index = type === 'abort' ? (this.listeners?.indexOf(listener) ?? -1) : -1;
    if (index >= 0) this.listeners?.splice(index, 1);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Fires the listeners once (they are all `{ once: true }` in effect), then `onabort`. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners ?? [];
    this.listeners = undefined;
    const event = { type: 'abort' } as const;
    for (const listener of listeners) listener.call(this, event);
    this.onabort?.call(this, event);
  }
}

/**
 * One abort signal for a Bedrock call that fires on the caller's signal, on the deadline, or when
 * the caller stops reading a stream. `timedOut` tells a deadline apart from a cancellation.
 */
export class CallSignal {
  readonly signal = new CallAbortSignal();
  private timer: NodeJS.Timeout | undefined;
  private onCallerAbort: (() => void) | undefined;
  timedOut = false;
  /** Some of the reply came (a stream's event): a timeout then is a silence mid-reply. */
  touched = false;

  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (caller?.aborted) this.signal.abort(caller.reason);
    else if (caller) {
      this.onCallerAbort = () => this.signal.abort(caller.reason);
      caller.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.signal.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    this.timer.unref();
  }

  /** Restarts the deadline (streams: the timeout is the longest silence between events). */
  touch(): void {
    this.timer?.refresh();
    this.touched = true;
  }

  abort(): void {
    this.signal.abort(new DOMException('This operation was aborted', 'AbortError'));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.onCallerAbort) this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
