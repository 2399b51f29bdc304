import type { ConverseStreamOutput, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedSecrets } from '../config/config-types.js';
import { missingProfileError } from '../config/missing-profile.js';
import {
  type ConfigOptions,
  type ResolvedConfig,
  resolveConfigWithSecrets,
} from '../config/resolve-config.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { mapBedrockError, timeoutHint } from '../errors/map-bedrock-error.js';
import { messageText } from '../messages/message-builders.js';
import type { Message, StopReason, Usage } from '../messages/message-schemas.js';
import { estimateCostUsd } from '../models/estimate-cost.js';
import { inferenceProfileFor, type ResolvedModel, resolveModel } from '../models/resolve-model.js';
import {
  type ConverseSender,
  createBedrockRuntimeClient,
  loadBedrockRuntimeSdk,
} from './bedrock-runtime-client.js';
import { buildConverseInput, type ChatInput, normaliseMessages } from './build-converse-input.js';
import { CallSignal } from './call-signal.js';
import { parseChatOptions } from './chat-options.js';
import type { ChatOptions, ChatResult, ChatRunner, ChatStreamEvent } from './chat-types.js';
import { fromSdkMessage } from './from-sdk-message.js';
import { StreamAccumulator } from './stream-accumulator.js';

export interface ChatClientOptions extends ConfigOptions {
  /** A Bedrock Runtime client (or anything with its `send`); built from the config when absent. */
  bedrockClient?: ConverseSender | undefined;
  /** Milliseconds clock, for latency. */
  now?: (() => number) | undefined;
}

/** A configured Bedrock chat client: `chat` (text), `complete` (full result), `stream` (events). */
export interface ChatClient extends ChatRunner {
  chat(messages: ChatInput, options?: ChatOptions): Promise<string>;
  complete(messages: ChatInput, options?: ChatOptions): Promise<ChatResult>;
  stream(messages: ChatInput, options?: ChatOptions): AsyncIterable<ChatStreamEvent>;
  /** The resolved configuration (region, model … with their sources); no secrets. */
  config(): Promise<ResolvedConfig>;
  /** How a model name resolves in this client's region. */
  resolveModel(model?: string): Promise<ResolvedModel>;
  /** Releases the HTTP connections. */
  close(): void;
}

/** Mapped to NETWORK_ERROR by `mapBedrockError` (its code is a network code). */
class StreamCutOffError extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('the connection closed before the reply was complete');
    this.name = 'StreamCutOffError';
  }
}

function modelNotInRegion(model: ResolvedModel, region: string): BedrockChatError {
  const regions = model.info?.profilePrefixes.includes('us') ? ' such as us-east-1 or us-west-2' : '';
  return new BedrockChatError({
    code: 'MODEL_NOT_IN_REGION',
    message: `${model.requested} is not offered in ${region}: ${model.unavailable}.`,
    hint: `Choose a region those profiles serve${regions} (--region, AWS_REGION), or a model offered in ${region} such as sonnet, haiku or opus (run \`bedrock-chat models\`).`,
    details: { modelId: model.modelId, region },
  });
}

interface Prepared {
  config: ResolvedConfig;
  sender: ConverseSender;
  model: ResolvedModel;
  input: ReturnType<typeof buildConverseInput>;
}

export function createChatClient(options: ChatClientOptions = {}): ChatClient {
  const now = options.now ?? (() => performance.now());
  // Start loading the SDK now, so that whatever the caller does before the first call (reading
  // a prompt, opening a store) overlaps it. A failure surfaces at that first call.
  if (!options.bedrockClient) loadBedrockRuntimeSdk().catch(() => {});
  // A client passed in brings its own credentials; ours would fail on a profile that is not there.
  const signsWithConfig = options.bedrockClient === undefined;
  let resolved: Promise<{ config: ResolvedConfig; secrets: ResolvedSecrets }> | undefined;
  let sender: Promise<ConverseSender> | undefined;
  let ownedClient: { destroy(): void } | undefined;

  const resolve = () => {
    resolved ??= resolveConfigWithSecrets(options);
    return resolved;
  };
  const getSender = async (): Promise<ConverseSender> => {
    if (options.bedrockClient) return options.bedrockClient;
    sender ??= resolve().then(async ({ config, secrets }) => {
      const client = await createBedrockRuntimeClient(config, secrets);
      ownedClient = client;
      return client;
    });
    return sender;
  };

  const errorContext = (config: ResolvedConfig, model: ResolvedModel, streaming: boolean) => ({
    modelId: model.modelId,
    region: config.region.value,
    suggestedProfileId: model.info ? inferenceProfileFor(model.info, config.region.value)?.id : undefined,
    endpointUrl: config.endpointUrl?.value,
    profile: config.profile?.value,
    credentialKind: config.credentials.kind,
    streaming,
  });

  // Model names resolve the same way every call; a client sees a handful of them.
  const models = new Map<string, ResolvedModel>();
  const modelFor = (name: string, region: string): ResolvedModel => {
    let model = models.get(name);
    if (!model) {
      // Frozen: `resolveModel()` hands these out, and a caller's change must not reach later calls.
      model = Object.freeze(resolveModel(name, region));
      if (models.size < 64) models.set(name, model);
    }
    return model;
  };

  async function prepare(messages: ChatInput, options: ChatOptions): Promise<Prepared> {
    const chatOptions = parseChatOptions(options);
    const { config } = await resolve();
    const model = modelFor(chatOptions.model ?? config.model.value, config.region.value);
    if (model.unavailable) throw modelNotInRegion(model, config.region.value);
    const missingProfile = signsWithConfig ? missingProfileError(config) : undefined;
    if (missingProfile) throw missingProfile;
    const input = buildConverseInput(normaliseMessages(messages), chatOptions, model, config.defaults);
    return { config, sender: await getSender(), model, input };
  }

  function fail(error: unknown, prepared: Prepared, call: CallSignal, streaming: boolean): BedrockChatError {
    if (call.timedOut) {
      return new BedrockChatError({
        code: 'TIMEOUT',
        message: `Bedrock did not answer within ${prepared.config.timeoutMs.value} ms.`,
        hint: timeoutHint(streaming),
        cause: error,
        details: { modelId: prepared.model.modelId, region: prepared.config.region.value },
      });
    }
    return mapBedrockError(error, errorContext(prepared.config, prepared.model, streaming));
  }

  function result(
    prepared: Prepared,
    message: Message,
    stopReason: StopReason,
    usage: Usage,
    latencyMs: number,
  ): ChatResult {
    const { model } = prepared;
    return {
      text: messageText(message),
      message,
      stopReason,
      usage,
      latencyMs,
      modelId: model.modelId,
      costUsd: estimateCostUsd(usage, model.info, model.prefix),
      inferenceConfig: prepared.input.inferenceConfig,
      ...(prepared.input.warnings.length > 0 ? { warnings: prepared.input.warnings } : {}),
    };
  }

  function usageOf(usage: TokenUsage | undefined): Usage {
    const mapped: Usage = {
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      totalTokens: usage?.totalTokens ?? 0,
    };
    if (usage?.cacheReadInputTokens) mapped.cacheReadInputTokens = usage.cacheReadInputTokens;
    if (usage?.cacheWriteInputTokens) mapped.cacheWriteInputTokens = usage.cacheWriteInputTokens;
    return mapped;
  }

  async function complete(messages: ChatInput, chatOptions: ChatOptions = {}): Promise<ChatResult> {
    const prepared = await prepare(messages, chatOptions);
    const { ConverseCommand } = await loadBedrockRuntimeSdk();
    const call = new CallSignal(chatOptions.signal, prepared.config.timeoutMs.value);
    const started = now();
    try {
      const response = await prepared.sender.send(new ConverseCommand(prepared.input.input), {
        abortSignal: call.signal,
      });
      return result(
        prepared,
        fromSdkMessage(response.output?.message),
        (response.stopReason ?? 'end_turn') as StopReason,
        usageOf(response.usage),
        Math.round(now() - started),
      );
    } catch (error) {
      throw fail(error, prepared, call, false);
    } finally {
      call.dispose();
    }
  }

  async function* stream(
    messages: ChatInput,
    chatOptions: ChatOptions = {},
  ): AsyncGenerator<ChatStreamEvent> {
    const prepared = await prepare(messages, chatOptions);
    const { ConverseStreamCommand } = await loadBedrockRuntimeSdk();
    const call = new CallSignal(chatOptions.signal, prepared.config.timeoutMs.value);
    const started = now();
    const accumulator = new StreamAccumulator();
    let finished = false;
    try {
      const response = await prepared.sender.send(new ConverseStreamCommand(prepared.input.input), {
        abortSignal: call.signal,
      });
      const events: AsyncIterable<ConverseStreamOutput> | undefined = response.stream;
      if (!events) throw new Error('Bedrock returned no event stream');
      for await (const event of events) {
        call.touch();
        for (const out of accumulator.push(event)) yield out;
      }
      if (call.signal.aborted) throw call.signal.reason;
      // Over HTTP/2 the SDK ends the iteration quietly when the connection drops mid-stream.
      if (!accumulator.stopped) throw new StreamCutOffError();
      finished = true;
    } catch (error) {
      throw fail(error, prepared, call, true);
    } finally {
      // A consumer that stops reading early must not leave the HTTP/2 stream open.
      if (!finished) call.abort();
      call.dispose();
    }
    yield {
      type: 'result',
      result: result(
        prepared,
        accumulator.message(),
        accumulator.stopReason,
        accumulator.usage,
        Math.round(now() - started),
      ),
    };
  }

  return {
    complete,
    stream,
    async chat(messages, chatOptions) {
      return (await complete(messages, chatOptions)).text;
    },
    async config() {
      return (await resolve()).config;
    },
    async resolveModel(model) {
      const { config } = await resolve();
      return modelFor(model ?? config.model.value, config.region.value);
    },
    close() {
      ownedClient?.destroy();
    },
  };
}
