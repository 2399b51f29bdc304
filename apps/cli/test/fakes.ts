import {
  assistantMessage,
  BedrockChatError,
  type ChatClient,
  type ChatOptions,
  type ChatResult,
  type ChatStreamEvent,
  type ConversationStore,
  createMemoryStore,
  type Message,
  type ModelListing,
  normaliseMessages,
  type ReplyCitation,
  resolveConfig,
  resolveModel,
} from '@bedrock-chat/core';
import type { CliDeps, CommandContext, InterruptSignal } from '../src/cli-deps.js';
import { type CapturedIo, type CaptureOptions, captureIo } from './capture-io.js';

export interface FakeReply {
  text?: string;
  /** Thrown instead of replying. */
  error?: BedrockChatError;
  /** Stream the first chunk, then wait until the call is aborted (for Ctrl-C tests). */
  hang?: boolean;
  /** Settings core reports it left out, as `ChatResult.warnings`. */
  warnings?: string[];
  /** The sources the reply cites, as `ChatResult.citations`. */
  citations?: ReplyCitation[];
  /** Reasoning before the text: a `reasoning` event when streaming, `result.reasoning`. */
  reasoning?: string;
  /** Prompt-cache figures of the call, as Bedrock and core report them. */
  cache?: { read?: number; written?: number; savedUsd: number };
}

export interface FakeChatClient extends ChatClient {
  calls: { messages: Message[]; options: ChatOptions }[];
  /** Called when a streamed reply starts to hang; tests press Ctrl-C there. */
  onHang: () => void;
}

const REGION = 'us-east-1';

function resultFor(text: string, options: ChatOptions, reply: FakeReply = {}): ChatResult {
  const { warnings, citations, reasoning, cache } = reply;
  const model = resolveModel(options.model ?? 'sonnet', REGION);
  const thought = { reasoningContent: { reasoningText: { text: reasoning ?? '', signature: 'fake' } } };
  return {
    text,
    message: reasoning === undefined ? assistantMessage(text) : assistantMessage([thought, { text }]),
    ...(reasoning === undefined ? {} : { reasoning }),
    stopReason: 'end_turn',
    usage: {
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15 + (cache?.read ?? 0) + (cache?.written ?? 0),
      ...(cache?.read ? { cacheReadInputTokens: cache.read } : {}),
      ...(cache?.written ? { cacheWriteInputTokens: cache.written } : {}),
    },
    ...(cache ? { cacheSavedUsd: cache.savedUsd } : {}),
    latencyMs: 3,
    modelId: model.modelId,
    costUsd: 0.000105,
    inferenceConfig: { maxTokens: options.maxTokens ?? 4096 },
    ...(warnings ? { warnings } : {}),
    ...(citations ? { citations } : {}),
  };
}

function aborted(): BedrockChatError {
  return new BedrockChatError({ code: 'ABORTED', message: 'The request was cancelled.' });
}

/** A ChatRunner that replies from a script (default: "Reply N to: <prompt>"), streaming by words. */
export function createFakeChatClient(script: FakeReply[] = []): FakeChatClient {
  const calls: FakeChatClient['calls'] = [];
  const next = (messages: Message[]): FakeReply => {
    const scripted = script.shift();
    const last = messages[messages.length - 1];
    const prompt = last?.content.map((block) => ('text' in block ? block.text : '')).join('') ?? '';
    // Numbered from 0 in call order (this runs after the call was recorded).
    return scripted ?? { text: `Reply ${calls.length - 1} to: ${prompt}` };
  };
  const client: FakeChatClient = {
    calls,
    onHang: () => {},
    async complete(input, options = {}) {
      const messages = normaliseMessages(input);
      calls.push({ messages: structuredClone(messages), options });
      const reply = next(messages);
      if (reply.error) throw reply.error;
      return resultFor(reply.text ?? '', options, reply);
    },
    async *stream(input, options = {}): AsyncGenerator<ChatStreamEvent> {
      const messages = normaliseMessages(input);
      calls.push({ messages: structuredClone(messages), options });
      const reply = next(messages);
      if (reply.error) throw reply.error;
      const text = reply.text ?? '';
      if (reply.reasoning) yield { type: 'reasoning', text: reply.reasoning, contentBlockIndex: 0 };
      const chunks = text.split(/(?<= )/);
      for (const [index, chunk] of chunks.entries()) {
        if (options.signal?.aborted) throw aborted();
        yield { type: 'text', text: chunk, contentBlockIndex: 0 };
        if (reply.hang && index === 0) {
          await new Promise<void>((resolve) => {
            options.signal?.addEventListener('abort', () => resolve(), { once: true });
            client.onHang();
          });
          throw aborted();
        }
      }
      yield { type: 'result', result: resultFor(text, options, reply) };
    },
    async chat() {
      throw new Error('the CLI does not use chat()');
    },
    async chatObject() {
      throw new Error('the CLI does not use chatObject(): a schema goes through the turn');
    },
    streamObject() {
      throw new Error('the CLI does not use streamObject(): a schema goes through the turn');
    },
    config: () =>
      resolveConfig({ env: {}, dotenvDir: false, configFile: false, readAwsProfile: async () => undefined }),
    async resolveModel(model) {
      return resolveModel(model ?? 'sonnet', REGION);
    },
    close() {},
  };
  return client;
}

export interface FakeWorld {
  context: CommandContext;
  io: CapturedIo;
  client: FakeChatClient;
  store: ConversationStore;
  /** How often the store was opened. */
  storeOpens: () => number;
  /** Presses Ctrl-C (or sends `signal`): calls every registered interrupt handler. */
  interrupt: (signal?: InterruptSignal) => void;
}

/** A command context with captured streams, a fake runner and an in-memory store. */
export function fakeWorld(
  options: CaptureOptions & {
    replies?: FakeReply[];
    store?: ConversationStore;
    listing?: ModelListing;
  } = {},
): FakeWorld {
  const io = captureIo(options);
  const client = createFakeChatClient(options.replies);
  const store = options.store ?? createMemoryStore();
  let opens = 0;
  const handlers = new Set<(signal: InterruptSignal) => void>();
  const deps: CliDeps = {
    createChatClient: async () => client,
    async openStore() {
      opens++;
      // Closing the memory store empties it; keep it for the test's assertions.
      return { ...store, close: async () => {} };
    },
    async listModels() {
      if (!options.listing) throw new Error('no listing in this test');
      return options.listing;
    },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  return {
    context: { io, deps, debug: false },
    io,
    client,
    store,
    storeOpens: () => opens,
    interrupt: (signal = 'SIGINT') => {
      for (const handler of [...handlers]) handler(signal);
    },
  };
}
