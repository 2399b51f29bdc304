import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSignal } from './call-signal.js';

describe('CallSignal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts on the deadline with a TimeoutError and says it timed out', () => {
    const call = new CallSignal(undefined, 1_000);
    const onAbort = vi.fn();
    call.signal.addEventListener('abort', onAbort);
    vi.advanceTimersByTime(999);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(call.timedOut).toBe(true);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toMatchObject({ name: 'TimeoutError' });
    expect(onAbort).toHaveBeenCalledTimes(1);
  });

  it('restarts the deadline on touch (the longest silence of a stream)', () => {
    const call = new CallSignal(undefined, 1_000);
    vi.advanceTimersByTime(800);
    call.touch();
    vi.advanceTimersByTime(800);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(200);
    expect(call.timedOut).toBe(true);
  });

  it("follows the caller's signal, already aborted or later, with its reason", () => {
    const early = new AbortController();
    early.abort(new Error('stop'));
    expect(new CallSignal(early.signal, 1_000).signal.reason).toEqual(new Error('stop'));

    const later = new AbortController();
    const call = new CallSignal(later.signal, 1_000);
    const onabort = vi.fn();
    call.signal.onabort = onabort;
    later.abort('user pressed Ctrl-C');
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut).toBe(false);
    expect(call.signal.reason).toBe('user pressed Ctrl-C');
    expect(onabort).toHaveBeenCalledTimes(1);
  });

  it('fires each listener once, not removed ones, and nothing after dispose', () => {
    const caller = new AbortController();
    const call = new CallSignal(caller.signal, 1_000);
    const kept = vi.fn();
    const removed = vi.fn();
    call.signal.addEventListener('abort', kept);
    call.signal.addEventListener('abort', removed);
    call.signal.removeEventListener('abort', removed);
    call.abort();
    call.abort();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
    expect(call.signal.reason).toMatchObject({ name: 'AbortError' });
    expect(() => call.signal.throwIfAborted()).toThrow();

    const disposed = new CallSignal(caller.signal, 1_000);
    disposed.dispose();
    vi.advanceTimersByTime(5_000);
    expect(disposed.timedOut).toBe(false);
  });
});
