import type { ChatInput } from '../request/normalise-messages.js';
import { type ChatClient, createChatClient } from './chat-client.js';
import type { ChatOptions, ChatResult, ChatStreamEvent } from './chat-types.js';
import type { ObjectOptions, ObjectResult } from './object-types.js';

let defaultClient: ChatClient | undefined;

/** The client behind the top-level functions: configured from the environment, `.env` and config file. */
export function getDefaultChatClient(): ChatClient {
  defaultClient ??= createChatClient();
  return defaultClient;
}

/**
 * The course's helper, done for you: `await chat(messages, { system, temperature })` returns the
 * reply text. The course's positional form `chat(messages, system, temperature)` works too.
 */
export function chat(messages: ChatInput, options?: ChatOptions): Promise<string>;
export function chat(messages: ChatInput, system?: string, temperature?: number): Promise<string>;
export function chat(
  messages: ChatInput,
  optionsOrSystem?: ChatOptions | string,
  temperature?: number,
): Promise<string> {
  const options: ChatOptions =
    typeof optionsOrSystem === 'string' || optionsOrSystem === undefined
      ? { system: optionsOrSystem, temperature }
      : optionsOrSystem;
  return getDefaultChatClient().chat(messages, options);
}

/** One Converse call returning text, the assistant message, stop reason, usage, latency, model and cost. */
export function chatComplete(messages: ChatInput, options?: ChatOptions): Promise<ChatResult> {
  return getDefaultChatClient().complete(messages, options);
}

/** ConverseStream as typed events: text deltas as they arrive, then one `result`. */
export function chatStream(messages: ChatInput, options?: ChatOptions): AsyncIterable<ChatStreamEvent> {
  return getDefaultChatClient().stream(messages, options);
}

/**
 * A structured reply: `await chatObject(messages, { schema: z.object({ … }) })` returns the result
 * with `object`, the reply parsed and checked against the schema.
 */
export function chatObject<Value>(
  messages: ChatInput,
  options: ObjectOptions<Value>,
): Promise<ObjectResult<Value>> {
  return getDefaultChatClient().chatObject(messages, options);
}
