import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConverseSender, loadBedrockRuntimeSdk } from '../transport/converse/bedrock-runtime-client.js';
import { createChatClient } from './chat-client.js';
import type { ChatStreamEvent } from './chat-types.js';

/** One step of a scripted stream: an event, or a silence of so many (fake) milliseconds. */
type Step = ConverseStreamOutput | { silenceMs: number };

const delta = (text: string): ConverseStreamOutput => ({
  contentBlockDelta: { contentBlockIndex: 0, delta: { text } },
});
const ending: Step[] = [
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 1 } } },
];

/**
 * A sender whose ConverseStream plays `steps`, as the SDK does: a silence ends early with the
 * signal's abort (the SDK rejects with the reason), and `signals` keeps what each call was given.
 */
function scriptedSender(steps: Step[]) {
  const signals: AbortSignal[] = [];
  const sender = {
    async send(_command: unknown, options: { abortSignal: AbortSignal }) {
      const signal = options.abortSignal;
      signals.push(signal);
      async function* events(): AsyncGenerator<ConverseStreamOutput> {
        for (const step of steps) {
          if ('silenceMs' in step) {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, step.silenceMs);
              signal.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(signal.reason);
              });
            });
          } else yield step;
        }
      }
      return { stream: events() };
    },
  };
  return { sender: sender as unknown as ConverseSender, signals };
}

function client(sender: ConverseSender, timeoutMs: number) {
  return createChatClient({
    bedrockClient: sender,
    timeoutMs,
    env: { AWS_REGION: 'us-east-1' },
    dotenvDir: false,
    configFile: false,
  });
}

/**
 * Reads the whole stream while the fake clock moves 100 ms a turn once the call was sent (the
 * config is read for real before: the clock stands still until then); resolves with the events
 * and the failure, if any.
 */
async function readAll(events: AsyncIterable<ChatStreamEvent>, sent: () => boolean) {
  const seen: ChatStreamEvent[] = [];
  let done = false;
  const reading = (async () => {
    for await (const event of events) seen.push(event);
  })()
    .then(
      () => undefined,
      (error: unknown) => error,
    )
    .finally(() => {
      done = true;
    });
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    if (sent()) await vi.advanceTimersByTimeAsync(100);
  }
  return { seen, error: await reading };
}

describe('stream: the deadline is the longest silence between events', () => {
  // Loaded before the clock is faked: the call's deadline runs from before the SDK is imported.
  beforeAll(() => loadBedrockRuntimeSdk());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a reply whose events keep coming outlasts the timeout, and ends with its result', async () => {
    const steps: Step[] = [];
    for (let index = 0; index < 5; index++) steps.push({ silenceMs: 800 }, delta(`part ${index} `));
    const { sender, signals } = scriptedSender([...steps, ...ending]);
    const { seen, error } = await readAll(client(sender, 1_000).stream('hi'), () => signals.length > 0);
    expect(error).toBeUndefined();
    expect(seen.filter((event) => event.type === 'text')).toHaveLength(5);
    expect(seen.at(-1)).toMatchObject({
      type: 'result',
      result: { text: 'part 0 part 1 part 2 part 3 part 4 ', stopReason: 'end_turn' },
    });
  });

  it('a silence longer than the timeout mid-stream fails with TIMEOUT after the deltas that came', async () => {
    const { sender, signals } = scriptedSender([delta('a'), delta('b'), { silenceMs: 1_500 }, ...ending]);
    const { seen, error } = await readAll(client(sender, 1_000).stream('hi'), () => signals.length > 0);
    expect(seen.map((event) => event.type)).toEqual(['text', 'text']);
    expect(error).toMatchObject({ code: 'TIMEOUT', message: 'Bedrock went silent for 1000 ms mid-reply.' });
    expect(signals[0]?.aborted).toBe(true);
  });
});

describe('stream: cancelling', () => {
  it('a consumer that stops reading aborts the call', async () => {
    const { sender, signals } = scriptedSender([delta('a'), delta('b'), delta('c'), ...ending]);
    for await (const event of client(sender, 60_000).stream('hi')) {
      if (event.type === 'text') break;
    }
    expect(signals[0]?.aborted).toBe(true);
  });

  it("the caller's signal cancels mid-stream with ABORTED", async () => {
    const { sender, signals } = scriptedSender([delta('a'), { silenceMs: 50 }, delta('b'), ...ending]);
    const controller = new AbortController();
    const consume = async () => {
      for await (const event of client(sender, 60_000).stream('hi', { signal: controller.signal })) {
        if (event.type === 'text') controller.abort();
      }
    };
    await expect(consume()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(signals[0]?.aborted).toBe(true);
  });

  it('a reply read to its end leaves the call signal alone', async () => {
    const { sender, signals } = scriptedSender([delta('a'), ...ending]);
    const events: string[] = [];
    for await (const event of client(sender, 60_000).stream('hi')) events.push(event.type);
    expect(events).toEqual(['text', 'result']);
    expect(signals[0]?.aborted).toBe(false);
  });
});
