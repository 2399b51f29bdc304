import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';

export interface ProgressReporter {
  /** False when nothing will ever be sent (no token, progress off): callers may skip streaming. */
  readonly active: boolean;
  /** Reports `progress` (must grow; smaller or equal values are dropped), throttled. */
  report(progress: number, message?: string): void;
  /** Drops anything pending; nothing is sent afterwards. Call before returning the result. */
  stop(): void;
}

export interface ProgressReporterOptions {
  /** The request's `_meta.progressToken`; without one the caller asked for no progress. */
  token: string | number | undefined;
  enabled: boolean;
  send: (notification: ServerNotification) => Promise<void>;
  intervalMs: number;
  /** Aborted on cancellation: progress with a stale token has broken clients. */
  signal: AbortSignal;
  now?: () => number;
  onSendError?: (error: unknown) => void;
}

const inactive: ProgressReporter = { active: false, report() {}, stop() {} };

/**
 * Progress notifications as clients tolerate them: only with a token, at most one per
 * `intervalMs` (the latest value wins; a trailing one is sent when the gap has passed), never
 * after `stop()` or cancellation — a notification after the result has disconnected Claude Code.
 */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const { token, intervalMs, signal } = options;
  if (!options.enabled || token === undefined) return inactive;
  const now = options.now ?? (() => performance.now());
  let stopped = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let lastProgress = Number.NEGATIVE_INFINITY;
  let pending: { progress: number; message: string | undefined } | undefined;
  let timer: NodeJS.Timeout | undefined;

  const live = () => !stopped && !signal.aborted;

  function send(progress: number, message: string | undefined): void {
    lastSentAt = now();
    lastProgress = progress;
    options
      .send({
        method: 'notifications/progress',
        params: { progressToken: token as string | number, progress, ...(message ? { message } : {}) },
      })
      .catch((error: unknown) => options.onSendError?.(error));
  }

  function flush(): void {
    timer = undefined;
    if (!live() || pending === undefined) return;
    const { progress, message } = pending;
    pending = undefined;
    send(progress, message);
  }

  return {
    active: true,
    report(progress, message) {
      if (!live() || progress <= lastProgress || progress <= (pending?.progress ?? Number.NEGATIVE_INFINITY))
        return;
      const wait = lastSentAt + intervalMs - now();
      if (wait <= 0 && timer === undefined) {
        send(progress, message);
        return;
      }
      pending = { progress, message };
      if (timer === undefined) {
        timer = setTimeout(flush, Math.max(wait, 0));
        timer.unref();
      }
    },
    stop() {
      stopped = true;
      pending = undefined;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
