import { BedrockChatError } from '@bedrock-chat/core';

export interface Deadline {
  /** Fires on the caller's cancellation, when the deadline passes, or when the server must stop. */
  readonly signal: AbortSignal;
  /** True once the deadline (not the caller) aborted the signal. */
  readonly expired: boolean;
  /** True once the server's shutdown (not the caller) aborted the signal. */
  readonly stopped: boolean;
  /** The error to report when {@link expired}. */
  timeoutError(cause?: unknown): BedrockChatError;
  /** The error to report when {@link stopped}. */
  stoppedError(cause?: unknown): BedrockChatError;
  /** The error to report for `error`, thrown once the signal fired: what fired it decides. */
  explain(error: unknown): unknown;
  dispose(): void;
}

/**
 * One signal for a tool call: the MCP request's `extra.signal` (notifications/cancelled), the
 * server-side deadline, or the server's shutdown (`stopping`, once its grace period is over),
 * whichever comes first. Clients give up after ~60 s; answering before that with a clear error
 * beats a client-side timeout that leaves the caller guessing, and so does answering a call that
 * a shutdown ends instead of cutting its connection.
 */
export function startDeadline(caller: AbortSignal, timeoutMs: number, stopping?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  let stopped = false;
  const onCallerAbort = () => controller.abort(caller.reason);
  const onStop = () => {
    if (controller.signal.aborted) return;
    stopped = true;
    controller.abort(new DOMException('The server is shutting down', 'AbortError'));
  };
  if (caller.aborted) controller.abort(caller.reason);
  else caller.addEventListener('abort', onCallerAbort, { once: true });
  if (stopping?.aborted) onStop();
  else stopping?.addEventListener('abort', onStop, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`No reply within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref();
  const deadline: Deadline = {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    get stopped() {
      return stopped;
    },
    timeoutError(cause) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      return new BedrockChatError({
        code: 'TIMEOUT',
        message: `No reply from Bedrock within ${seconds} s, this server's deadline for a chat call.`,
        hint: 'Ask for a shorter reply (lower maxTokens) or a faster model, or raise BEDROCK_CHAT_MCP_TIMEOUT_MS if your client waits longer.',
        cause,
        details: { timeoutMs, conversationUnchanged: true },
      });
    },
    stoppedError(cause) {
      return new BedrockChatError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'This server is shutting down and stopped the call before Bedrock answered.',
        hint: 'Call again in a moment (another instance, or this one restarted, will answer).',
        cause,
        details: { conversationUnchanged: true },
      });
    },
    explain(error) {
      if (expired) return deadline.timeoutError(error);
      if (stopped) return deadline.stoppedError(error);
      return error;
    },
    dispose() {
      clearTimeout(timer);
      caller.removeEventListener('abort', onCallerAbort);
      stopping?.removeEventListener('abort', onStop);
    },
  };
  return deadline;
}
