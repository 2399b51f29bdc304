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
