import { BedrockChatError } from '@bedrock-chat/core';

export interface Deadline {
  /** Fires on the caller's cancellation or when the deadline passes. */
  readonly signal: AbortSignal;
  /** True once the deadline (not the caller) aborted the signal. */
  readonly expired: boolean;
  /** The error to report when {@link expired}. */
  timeoutError(cause?: unknown): BedrockChatError;
  dispose(): void;
}

/**
 * One signal for a tool call: the MCP request's `extra.signal` (notifications/cancelled) or the
 * server-side deadline, whichever comes first. Clients give up after ~60 s; answering before that
 * with a clear error beats a client-side timeout that leaves the caller guessing.
 */
export function startDeadline(caller: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let expired = false;
  const onCallerAbort = () => controller.abort(caller.reason);
  if (caller.aborted) controller.abort(caller.reason);
  else caller.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`No reply within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref();
  return {
    signal: controller.signal,
    get expired() {
      return expired;
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
    dispose() {
      clearTimeout(timer);
      caller.removeEventListener('abort', onCallerAbort);
    },
  };
}
