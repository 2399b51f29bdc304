import type { ChatOptions, ChatResult, ChatRunner, ChatStreamEvent } from '../../client/chat-types.js';
import type { Message } from '../../messages/message-schemas.js';

export interface FakeCall {
  messages: Message[];
  options: ChatOptions | undefined;
}

/**
 * A ChatRunner that answers "Reply N to: <prompt>" (or fails with `fail`), records what it was
 * sent, and streams the reply in two text deltas.
 */
export function fakeRunner(behaviour: { fail?: (call: FakeCall) => unknown } = {}): ChatRunner & {
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const answer = (messages: Message[], options: ChatOptions | undefined): ChatResult => {
    const call = { messages: structuredClone(messages), options };
    calls.push(call);
    const failure = behaviour.fail?.(call);
    if (failure !== undefined) throw failure;
    const last = messages.at(-1)?.content[0];
    const text = `Reply ${calls.length} to: ${last && 'text' in last ? last.text : '?'}`;
    return {
      text,
      message: { role: 'assistant', content: [{ text }] },
      stopReason: 'end_turn',
      usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
      latencyMs: 42,
      // `sonnet` (and the model a conversation pinned it to) is Sonnet 4.5 here, anything else Haiku 4.5.
      modelId:
        options?.model === 'sonnet' || options?.model === 'anthropic.claude-sonnet-4-5-20250929-v1:0'
          ? 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
          : 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      costUsd: 0.0002,
      inferenceConfig: { maxTokens: options?.maxTokens ?? 4096 },
    };
  };
  return {
    calls,
    async complete(messages, options) {
      return answer(messages, options);
    },
    async *stream(messages, options): AsyncGenerator<ChatStreamEvent> {
      const result = answer(messages, options);
      const half = Math.floor(result.text.length / 2);
      yield { type: 'text', text: result.text.slice(0, half), contentBlockIndex: 0 };
      if (options?.signal?.aborted) throw options.signal.reason;
      yield { type: 'text', text: result.text.slice(half), contentBlockIndex: 0 };
      yield { type: 'result', result };
    },
  };
}
