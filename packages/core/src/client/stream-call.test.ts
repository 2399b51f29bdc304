import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import type { ConverseSender } from '../transport/converse/bedrock-runtime-client.js';
import { createChatClient } from './chat-client.js';
import type { ChatStreamEvent } from './chat-types.js';

// `stream` is a hand-written async iterator (StreamCall), not an async generator: these pin the
// parts of a generator's behaviour that a caller can see and that `for await` alone does not use.

const delta = (text: string): ConverseStreamOutput => ({
  contentBlockDelta: { contentBlockIndex: 0, delta: { text } },
});
const ending: ConverseStreamOutput[] = [
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 1 } } },
];

/** A sender playing `events` (then failing with `failure`, if given); records what happened to each call. */
function scriptedSender(events: ConverseStreamOutput[], failure?: Error) {
  const calls: { signal: AbortSignal; closed: boolean }[] = [];
  const sender = {
    async send(_command: unknown, options: { abortSignal: AbortSignal }) {
      const call = { signal: options.abortSignal, closed: false };
      calls.push(call);
      async function* stream(): AsyncGenerator<ConverseStreamOutput> {
        try {
          yield* events;
          if (failure) throw failure;
        } finally {
          call.closed = true;
        }
      }
      return { stream: stream() };
    },
  };
  return { sender: sender as unknown as ConverseSender, calls };
}

function client(sender: ConverseSender) {
  return createChatClient({
    bedrockClient: sender,
    env: { AWS_REGION: 'us-east-1' },
    dotenvDir: false,
    configFile: false,
  });
}

const texts = (events: ChatStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'text' ? [event.text] : []));

describe('stream as an async iterator', () => {
  it('answers next() calls made without waiting, in order, as a generator queues them', async () => {
    const { sender } = scriptedSender([delta('a'), delta('b'), ...ending]);
    const events = client(sender).stream('hi')[Symbol.asyncIterator]();
    const steps = await Promise.all([events.next(), events.next(), events.next(), events.next()]);
    expect(steps.map((step) => (step.done ? 'done' : step.value.type))).toEqual([
      'text',
      'text',
      'result',
      'done',
    ]);
    expect(texts(steps.flatMap((step) => (step.done ? [] : [step.value])))).toEqual(['a', 'b']);
  });

  it('return() mid-stream closes the SDK event stream, aborts the call and ends the iteration', async () => {
    const { sender, calls } = scriptedSender([delta('a'), delta('b'), ...ending]);
    const events = client(sender).stream('hi')[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ type: 'text', text: 'a' });
    expect(await events.return?.(undefined)).toEqual({ done: true, value: undefined });
    expect(calls[0]).toMatchObject({ closed: true, signal: { aborted: true } });
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('return() before the first next() sends nothing', async () => {
    const { sender, calls } = scriptedSender([delta('a'), ...ending]);
    const events = client(sender).stream('hi')[Symbol.asyncIterator]();
    expect(await events.return?.(undefined)).toEqual({ done: true, value: undefined });
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(calls).toHaveLength(0);
  });

  it('throw() mid-stream closes the SDK event stream, aborts the call and rejects with the error mapped', async () => {
    const { sender, calls } = scriptedSender([delta('a'), delta('b'), ...ending]);
    const events = client(sender).stream('hi')[Symbol.asyncIterator]();
    await events.next();
    await expect(events.throw?.(new Error('caller gave up'))).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(calls[0]).toMatchObject({ closed: true, signal: { aborted: true } });
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('an error from the events comes after the deltas before it, mapped, and aborts the call', async () => {
    const throttled = Object.assign(new Error('Too many requests'), { name: 'ThrottlingException' });
    const { sender, calls } = scriptedSender([delta('a')], throttled);
    const seen: ChatStreamEvent[] = [];
    const reading = (async () => {
      for await (const event of client(sender).stream('hi')) seen.push(event);
    })();
    await expect(reading).rejects.toMatchObject({ code: 'THROTTLED' });
    expect(texts(seen)).toEqual(['a']);
    expect(calls[0]?.signal.aborted).toBe(true);
  });
});

type Events = AsyncIterator<ChatStreamEvent, unknown>;
/** Calls made on an iterator and what each one got, in the order they settled. */
type Step = Promise<IteratorResult<ChatStreamEvent, unknown>>;
/** `call(label, step, then)` logs what `step` got; `then` runs in the same handler, as a caller's `step.then(…)` would. */
type Call = (label: string, step: Step, then?: () => unknown) => Promise<unknown>;
type Scenario = (events: Events, call: Call) => Promise<unknown>;

/** What each call got, in the order the calls settled: `label:text a`, `label:result`, `label:done`, `label:rejected`. */
async function play(events: Events, scenario: Scenario): Promise<string[]> {
  const log: string[] = [];
  const call: Call = (label, step, then) =>
    step.then(
      (result) => {
        if (result.done) log.push(`${label}:done${result.value === undefined ? '' : ' with a value'}`);
        else {
          const event = result.value;
          log.push(`${label}:${event.type}${event.type === 'text' ? ` ${event.text}` : ''}`);
        }
        return then?.();
      },
      () => {
        log.push(`${label}:rejected`);
        return then?.();
      },
    );
  await scenario(events, call);
  // Let every call made from a handler settle.
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
  return log;
}

/** The scenario over `stream` and over an async generator yielding the same events and returning the same result. */
async function againstGenerator(scenario: Scenario, failure?: Error) {
  const script = failure ? [delta('a'), delta('b')] : [delta('a'), delta('b'), delta('c'), ...ending];
  const played: ChatStreamEvent[] = [];
  let failed: unknown;
  try {
    for await (const event of client(scriptedSender(script, failure).sender).stream('hi')) played.push(event);
  } catch (error) {
    failed = error;
  }
  async function* reference(): AsyncGenerator<ChatStreamEvent, unknown> {
    for (const event of played) yield event;
    if (failed !== undefined) throw failed;
    return (played.at(-1) as { result: unknown }).result;
  }
  const stream = client(scriptedSender(script, failure).sender).stream('hi')[Symbol.asyncIterator]();
  return { actual: await play(stream, scenario), expected: await play(reference(), scenario) };
}

describe('stream serves next()/return()/throw() strictly in call order, as an async generator does', () => {
  const scenarios: Record<string, Scenario> = {
    // The reviewer's case: p1's handler calls next() while p2 is still queued.
    "a next() from the first step's handler comes after the next() already queued": (events, call) => {
      const p1 = call('p1', events.next(), () => call('p3', events.next()));
      const p2 = call('p2', events.next());
      return Promise.all([p1, p2]);
    },
    'next() calls from handlers of queued steps keep their call order': (events, call) => {
      const p1 = call('p1', events.next(), () => call('p4', events.next()));
      const p2 = call('p2', events.next(), () => call('p5', events.next()));
      const p3 = call('p3', events.next());
      return Promise.all([p1, p2, p3]);
    },
    'return() queued behind pending next() calls ends the iteration after them': (events, call) =>
      Promise.all([
        call('p1', events.next()),
        call('p2', events.next()),
        call('r', (events.return as NonNullable<Events['return']>)(undefined)),
        call('p3', events.next()),
      ]),
    "return() from the first step's handler comes after the next() already queued": (events, call) => {
      const p1 = call('p1', events.next(), () =>
        call('r', (events.return as NonNullable<Events['return']>)(undefined)),
      );
      const p2 = call('p2', events.next());
      return Promise.all([p1, p2]);
    },
    'throw() queued behind a pending next() rejects after it; later calls are done': (events, call) =>
      Promise.all([
        call('p1', events.next()),
        call('t', (events.throw as NonNullable<Events['throw']>)(new Error('caller gave up'))),
        call('p2', events.next()),
      ]),
    'next() calls queued past the end get the result, then done': (events, call) =>
      Promise.all(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((label) => call(label, events.next()))),
  };
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      const { actual, expected } = await againstGenerator(scenario);
      expect(actual).toEqual(expected);
    });
  }

  it('an error from the events with next() calls queued: the call that meets it rejects, the later ones are done', async () => {
    const throttled = Object.assign(new Error('Too many requests'), { name: 'ThrottlingException' });
    const { actual, expected } = await againstGenerator(
      (events, call) =>
        Promise.all([
          call('p1', events.next(), () => call('p5', events.next())),
          call('p2', events.next()),
          call('p3', events.next()),
          call('p4', events.next()),
        ]),
      throttled,
    );
    expect(actual).toEqual(expected);
    expect(actual).toEqual(['p1:text a', 'p2:text b', 'p3:rejected', 'p4:done', 'p5:done']);
  });
});
