import type { ChatOptions, ChatResult, ChatRunner, ChatStreamEvent, Message } from '@bedrock-chat/core';

export interface FakeRunner extends ChatRunner {
  readonly calls: { messages: Message[]; options: ChatOptions }[];
  /** Resolves when the next call has started. */
  nextCall(): Promise<void>;
  /** Calls whose signal aborted them while they waited (hang or gate). */
  readonly aborts: number;
}

export interface FakeRunnerOptions {
  /** Waits for the call's signal instead of answering (cancellation and deadline tests). */
  hang?: boolean;
  /** Answers only once this settles (or fails when the call's signal aborts first): calls held in flight. */
  gate?: Promise<void>;
  /** Characters per streamed text delta. */
  chunkSize?: number;
  /** Reported as `ChatResult.warnings` (settings core left out). */
  warnings?: string[];
}

function lastUserText(messages: Message[]): string {
  const last = messages.at(-1);
  return last?.content.map((block) => ('text' in block ? block.text : '')).join('') ?? '';
}

function abortedPromise(signal: AbortSignal | undefined, onAbort: () => void = () => {}): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = () => {
      onAbort();
      reject(signal?.reason ?? new Error('aborted'));
    };
    if (signal?.aborted) fail();
    signal?.addEventListener('abort', fail, { once: true });
  });
}

/** A ChatRunner that answers `reply #<history length>: <prompt>` and records every call. */
export function createFakeRunner(options: FakeRunnerOptions = {}): FakeRunner {
  const calls: FakeRunner['calls'] = [];
  let aborts = 0;
  const waitFor = async (signal: AbortSignal | undefined) => {
    const aborted = () =>
      abortedPromise(signal, () => {
        aborts += 1;
      });
    if (options.hang) await aborted();
    if (options.gate !== undefined) await Promise.race([options.gate, aborted()]);
  };
  let waiters: (() => void)[] = [];
  const started = (messages: Message[], chatOptions: ChatOptions) => {
    calls.push({ messages: structuredClone(messages), options: { ...chatOptions, signal: undefined } });
    for (const waiter of waiters) waiter();
    waiters = [];
  };
  const result = (messages: Message[], chatOptions: ChatOptions): ChatResult => {
    const text = `reply #${messages.length}: ${lastUserText(messages)}`;
    const inputTokens = messages.length * 10;
    const outputTokens = text.length;
    return {
      text,
      message: { role: 'assistant', content: [{ text }] },
      stopReason: 'end_turn',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      latencyMs: 1,
      modelId: chatOptions.model ?? 'fake.model-v1',
      costUsd: chatOptions.model === 'unpriced' ? undefined : 0.000123,
      inferenceConfig: { maxTokens: chatOptions.maxTokens ?? 4096 },
      ...(options.warnings ? { warnings: options.warnings } : {}),
    };
  };
  return {
    calls,
    get aborts() {
      return aborts;
    },
    nextCall: () => new Promise((resolve) => waiters.push(resolve)),
    async complete(messages, chatOptions = {}) {
      started(messages, chatOptions);
      await waitFor(chatOptions.signal);
      return result(messages, chatOptions);
    },
    async *stream(messages, chatOptions = {}): AsyncGenerator<ChatStreamEvent> {
      started(messages, chatOptions);
      await waitFor(chatOptions.signal);
      const final = result(messages, chatOptions);
      const size = options.chunkSize ?? 4;
      for (let index = 0; index < final.text.length; index += size) {
        yield { type: 'text', text: final.text.slice(index, index + size), contentBlockIndex: 0 };
      }
      yield { type: 'result', result: final };
    },
  };
}
