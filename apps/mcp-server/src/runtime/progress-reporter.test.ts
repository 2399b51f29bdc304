import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

afterEach(() => {
  vi.useRealTimers();
});

function setup(overrides: { token?: string | number | undefined; enabled?: boolean } = {}) {
  vi.useFakeTimers();
  const sent: ServerNotification[] = [];
  const controller = new AbortController();
  const reporter = createProgressReporter({
    token: 'token' in overrides ? overrides.token : 'p1',
    enabled: overrides.enabled ?? true,
    send: async (notification) => {
      sent.push(notification);
    },
    intervalMs: 250,
    signal: controller.signal,
    now: () => Date.now(),
  });
  const progressValues = () =>
    sent.map((notification) => (notification.params as { progress: number }).progress);
  return { reporter, sent, controller, progressValues };
}

describe('createProgressReporter', () => {
  it('sends nothing without a progress token or when turned off', () => {
    for (const options of [{ token: undefined }, { enabled: false }]) {
      const { reporter, sent } = setup(options);
      expect(reporter.active).toBe(false);
      reporter.report(1);
      expect(sent).toEqual([]);
    }
  });

  it('sends the first report at once, with the token', () => {
    const { reporter, sent } = setup();
    reporter.report(0, 'starting');
    expect(sent).toEqual([
      { method: 'notifications/progress', params: { progressToken: 'p1', progress: 0, message: 'starting' } },
    ]);
  });

  it('throttles: at most one per interval, the latest value trailing', () => {
    const { reporter, progressValues } = setup();
    reporter.report(1);
    reporter.report(2);
    reporter.report(3);
    expect(progressValues()).toEqual([1]);
    vi.advanceTimersByTime(250);
    expect(progressValues()).toEqual([1, 3]);
  });

  it('never sends after stop, even what was pending', () => {
    const { reporter, progressValues } = setup();
    reporter.report(1);
    reporter.report(2);
    reporter.stop();
    vi.advanceTimersByTime(1000);
    reporter.report(5);
    expect(progressValues()).toEqual([1]);
  });

  it('never sends after cancellation', () => {
    const { reporter, controller, progressValues } = setup();
    reporter.report(1);
    reporter.report(2);
    controller.abort();
    vi.advanceTimersByTime(1000);
    expect(progressValues()).toEqual([1]);
  });

  it('only sends increasing values', () => {
    const { reporter, progressValues } = setup();
    reporter.report(5);
    vi.advanceTimersByTime(300);
    reporter.report(5);
    reporter.report(4);
    vi.advanceTimersByTime(300);
    expect(progressValues()).toEqual([5]);
  });
});
