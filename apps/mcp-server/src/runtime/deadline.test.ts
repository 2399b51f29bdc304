import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from './deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startDeadline', () => {
  it('aborts and reports expiry when the time is up', () => {
    vi.useFakeTimers();
    const deadline = startDeadline(new AbortController().signal, 1000);
    vi.advanceTimersByTime(999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(true);
    const error = deadline.timeoutError();
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('1 s');
    expect(error.hint).toContain('BEDROCK_CHAT_MCP_TIMEOUT_MS');
  });

  it('follows the caller’s cancellation without calling it a timeout', () => {
    const caller = new AbortController();
    const deadline = startDeadline(caller.signal, 60_000);
    caller.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired).toBe(false);
    deadline.dispose();
  });

  it('aborts when the server stops, and says so', () => {
    const stopping = new AbortController();
    const deadline = startDeadline(new AbortController().signal, 60_000, stopping.signal);
    expect(deadline.signal.aborted).toBe(false);
    stopping.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.stopped).toBe(true);
    expect(deadline.expired).toBe(false);
    const error = deadline.explain(new Error('aborted'));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { conversationUnchanged: true } });
    expect((error as Error).message).toContain('shutting down');
    deadline.dispose();
  });

  it('leaves the caller’s own cancellation as it is', () => {
    const caller = new AbortController();
    const stopping = new AbortController();
    const deadline = startDeadline(caller.signal, 60_000, stopping.signal);
    caller.abort();
    stopping.abort();
    const original = new Error('cancelled');
    expect(deadline.stopped).toBe(false);
    expect(deadline.explain(original)).toBe(original);
    deadline.dispose();
  });

  it('stops the timer on dispose', () => {
    vi.useFakeTimers();
    const deadline = startDeadline(new AbortController().signal, 10);
    deadline.dispose();
    vi.advanceTimersByTime(100);
    expect(deadline.signal.aborted).toBe(false);
  });
});
