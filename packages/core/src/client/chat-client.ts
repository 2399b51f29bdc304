import type { ConverseCommandInput, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ContextLimits } from '../agent/step-context.js';
import { runsToolLoop, runToolLoop, type StepMode, type ToolLoopOptions } from '../agent/tool-loop.js';
import type { ResolvedSecrets } from '../config/config-types.js';
import { missingProfileError } from '../config/missing-profile.js';
import {
  type ConfigOptions,
  type ResolvedConfig,
  resolveConfigWithSecrets,
} from '../config/resolve-config.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { mapBedrockError, timeoutHint } from '../errors/map-bedrock-error.js';
import { messageReasoning, messageText } from '../messages/message-builders.js';
import type { Message } from '../messages/message-schemas.js';
import { replyCitations } from '../messages/reply-citations.js';
import { cacheSavingsUsd, callCostUsd } from '../models/cache-savings.js';
import { type CatalogueCacheOptions, readCachedCatalogue } from '../models/catalogue-cache.js';
import type { ServedPricing } from '../models/estimate-cost.js';
import { inferenceProfileFor, type ResolvedModel, resolveModel } from '../models/resolve-model.js';
import type { ServedModels } from '../models/served-models.js';
import { type ChatRequest, toChatRequest } from '../request/chat-request.js';
import { outputReply, outputStreamEvent, outputValue } from '../request/features/output.js';
import { servedPricing, servedReport } from '../request/features/service-tier.js';
import { type ChatInput, normaliseMessages } from '../request/normalise-messages.js';
import { type BuiltRequest, buildRequest } from '../request/pipeline.js';
import { contextLimitsFor } from '../store/context-window.js';
import {
  type ConverseSender,
  createBedrockRuntimeClient,
  loadBedrockRuntimeSdk,
} from '../transport/converse/bedrock-runtime-client.js';
import { openConverseStream, sendConverse, streamedReply } from '../transport/converse/converse-transport.js';
import type { DecodedReply } from '../transport/converse/decode-converse-response.js';
import { encodeConverseInput } from '../transport/converse/encode-converse-input.js';
import { CallSignal } from './call-signal.js';
import { parseChatOptions } from './chat-options.js';
import type { ChatOptions, ChatResult, ChatRunner, ChatStreamEvent } from './chat-types.js';
import type { ObjectOptions, ObjectResult, ObjectStreamEvent } from './object-types.js';
import { type OpenedStream, StreamCall } from './stream-call.js';

export interface ChatClientOptions extends ConfigOptions {
  /** A Bedrock Runtime client (or anything with its `send`); built from the config when absent. */
  bedrockClient?: ConverseSender | undefined;
  /** Milliseconds clock, for latency. */
  now?: (() => number) | undefined;
  /**
   * Bedrock's model list for the region, as `listModels` cached it: model names resolve by it
   * while it is fresh (read once per client, from disk, never from the network), else by the
   * built-in table.
   */
  catalogueCache?: CatalogueCacheOptions | undefined;
}

/** A configured Bedrock chat client: `chat` (text), `complete` (full result), `stream` (events). */
export interface ChatClient extends ChatRunner {
  chat(messages: ChatInput, options?: ChatOptions): Promise<string>;
  complete(messages: ChatInput, options?: ChatOptions): Promise<ChatResult>;
  stream(messages: ChatInput, options?: ChatOptions): AsyncIterable<ChatStreamEvent>;
  /** `complete` with a schema: the reply parsed and checked as `result.object`. */
  chatObject<Value>(messages: ChatInput, options: ObjectOptions<Value>): Promise<ObjectResult<Value>>;
  /** `stream` with a schema: the JSON text as it arrives, then the `result` with its `object`. */
  streamObject<Value>(
    messages: ChatInput,
    options: ObjectOptions<Value>,
  ): AsyncIterable<ObjectStreamEvent<Value>>;
  /** The resolved configuration (region, model … with their sources); no secrets. */
  config(): Promise<ResolvedConfig>;
  /** How a model name resolves in this client's region. */
  resolveModel(model?: string): Promise<ResolvedModel>;
  /** Releases the HTTP connections. */
  close(): void;
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

/** How `call` runs (see StepMode); `resultEvent`: end with the `result` event, as `stream` does. */
interface CallMode extends StepMode {
  readonly resultEvent?: boolean;
}

const ONE_CALL: CallMode = { streaming: false, messagesChecked: false, optionsChecked: false };
const ONE_STREAM: CallMode = { ...ONE_CALL, streaming: true, resultEvent: true };

interface Prepared {
  config: ResolvedConfig;
  sender: ConverseSender;
  model: ResolvedModel;
  request: ChatRequest;
  built: BuiltRequest;
  input: ConverseCommandInput;
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

  // Once settled, the config and the sender are read without an await (a microtask turn each).
  let resolvedConfig: ResolvedConfig | undefined;
  let readySender: ConverseSender | undefined = options.bedrockClient;

  const resolve = () => {
    resolved ??= resolveConfigWithSecrets(options).then((value) => {
      resolvedConfig = value.config;
      return value;
    });
    return resolved;
  };
  const getSender = (): Promise<ConverseSender> => {
    sender ??= options.bedrockClient
      ? Promise.resolve(options.bedrockClient)
      : resolve().then(async ({ config, secrets }) => {
          const client = await createBedrockRuntimeClient(config, secrets);
          ownedClient = client;
          readySender = client;
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

  // The hot path never waits on the control plane: one small file read, once, or nothing.
  let served: { value: ServedModels | undefined } | undefined;
  const servedModels = (region: string): ServedModels | undefined => {
    const cache = options.catalogueCache;
    served ??= { value: cache ? readCachedCatalogue(cache, region) : undefined };
    return served.value;
  };
  // Model names resolve the same way every call; a client sees a handful of them.
  const models = new Map<string, ResolvedModel>();
  const modelFor = (name: string, region: string): ResolvedModel => {
    let model = models.get(name);
    if (!model) {
      // Frozen: `resolveModel()` hands these out, and a caller's change must not reach later calls.
      model = Object.freeze(resolveModel(name, region, servedModels(region)));
      if (models.size < 64) models.set(name, model);
    }
    return model;
  };

  async function prepare(messages: ChatInput, options: ChatOptions, mode: CallMode): Promise<Prepared> {
    const chatOptions = mode.optionsChecked ? options : parseChatOptions(options);
    const config = resolvedConfig ?? (await resolve()).config;
    const model = modelFor(chatOptions.model ?? config.model.value, config.region.value);
    if (model.unavailable) throw modelNotInRegion(model, config.region.value);
    const missingProfile = signsWithConfig ? missingProfileError(config) : undefined;
    if (missingProfile) throw missingProfile;
    // A tool loop's steps pass its history, checked as it grew (`messagesChecked`).
    const checkedMessages = mode.messagesChecked ? (messages as Message[]) : normaliseMessages(messages);
    const request = toChatRequest(checkedMessages, chatOptions, config.defaults);
    const built = buildRequest(request, model);
    const input = encodeConverseInput(built.draft);
    return { config, sender: readySender ?? (await getSender()), model, request, built, input };
  }

  function fail(error: unknown, prepared: Prepared, call: CallSignal, streaming: boolean): BedrockChatError {
    if (call.timedOut) {
      return new BedrockChatError({
        code: 'TIMEOUT',
        message: call.touched
          ? `Bedrock went silent for ${prepared.config.timeoutMs.value} ms mid-reply.`
          : `Bedrock did not answer within ${prepared.config.timeoutMs.value} ms.`,
        hint: timeoutHint(streaming),
        cause: error,
        details: { modelId: prepared.model.modelId, region: prepared.config.region.value },
      });
    }
    return mapBedrockError(error, errorContext(prepared.config, prepared.model, streaming));
  }

  function cacheSaving(
    reply: DecodedReply,
    model: ResolvedModel,
    pricing: ServedPricing,
  ): Pick<ChatResult, 'cacheSavedUsd'> {
    const saved = cacheSavingsUsd(reply.usage, model.info, model.prefix, pricing);
    return saved === undefined ? {} : { cacheSavedUsd: saved };
  }

  function result(prepared: Prepared, decoded: DecodedReply, latencyMs: number): ChatResult {
    const { model, built, request } = prepared;
    const reply = { ...decoded, ...outputReply(request, built.draft, decoded) };
    const warnings = [...built.warnings, ...reply.warnings];
    const citations = replyCitations(reply.message);
    const reasoning = messageReasoning(reply.message);
    const text = messageText(reply.message);
    const object = request.output === undefined ? undefined : outputValue(request, text, reply.stopReason);
    const served = servedReport(request, reply.served);
    const pricing = servedPricing(served);
    return {
      text,
      ...(request.output === undefined ? {} : { object }),
      message: reply.message,
      stopReason: reply.stopReason,
      usage: reply.usage,
      latencyMs,
      modelId: model.modelId,
      costUsd: callCostUsd(reply.usage, model.info, model.prefix, pricing),
      ...cacheSaving(reply, model, pricing),
      ...served,
      inferenceConfig: built.draft.inferenceConfig,
      ...(reasoning === '' ? {} : { reasoning }),
      ...(citations.length > 0 ? { citations } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  /**
   * One call, not streamed: prepare, send with the deadline and the caller's signal, map the reply
   * or the failure.
   */
  async function callOnce(
    messages: ChatInput,
    chatOptions: ChatOptions,
    mode: CallMode,
  ): Promise<ChatResult> {
    const prepared = await prepare(messages, chatOptions, mode);
    const signal = new CallSignal(chatOptions.signal, prepared.config.timeoutMs.value);
    const started = now();
    let finished = false;
    try {
      const reply = await sendConverse({
        sender: prepared.sender,
        input: prepared.input,
        signal: signal.signal,
      });
      finished = true;
      return result(prepared, reply, Math.round(now() - started));
    } catch (error) {
      throw fail(error, prepared, signal, false);
    } finally {
      if (!finished) signal.abort();
      signal.dispose();
    }
  }

  /**
   * One streamed call, the same steps with the deltas passed through. A consumer that stops
   * reading early aborts the call (no HTTP/2 stream left open). With `mode.resultEvent` it ends
   * with the `result` event, so that `stream` is this iterator alone: every event of a long reply
   * passes through one hand-written iterator between the SDK and the caller (see StreamCall).
   */
  function callStream(
    messages: ChatInput,
    chatOptions: ChatOptions,
    mode: CallMode,
  ): AsyncGenerator<ChatStreamEvent, ChatResult> {
    return new StreamCall(async (): Promise<OpenedStream> => {
      const prepared = await prepare(messages, chatOptions, mode);
      const signal = new CallSignal(chatOptions.signal, prepared.config.timeoutMs.value);
      const started = now();
      const failed = (error: unknown) => fail(error, prepared, signal, true);
      let events: AsyncIterable<ConverseStreamOutput>;
      try {
        events = await openConverseStream({
          sender: prepared.sender,
          input: prepared.input,
          signal: signal.signal,
        });
      } catch (error) {
        const mapped = failed(error);
        signal.abort();
        signal.dispose();
        throw mapped;
      }
      return {
        events: events[Symbol.asyncIterator](),
        signal,
        mapEvent: jsonFallback(prepared) ? (event) => outputStreamEvent(prepared.request, event) : undefined,
        reply: (accumulator) => streamedReply(accumulator, signal.signal),
        result: (reply) => result(prepared, reply, Math.round(now() - started)),
        fail: failed,
        resultEvent: mode.resultEvent === true,
      };
    });
  }

  /** The call wrapper of a tool loop's steps: deltas while streaming, then the result. */
  function call(
    messages: ChatInput,
    chatOptions: ChatOptions,
    mode: CallMode,
  ): AsyncGenerator<ChatStreamEvent, ChatResult> {
    if (mode.streaming) return callStream(messages, chatOptions, mode);
    // biome-ignore lint/correctness/useYield: a step that streams nothing still runs under the loop's `yield*`.
    return (async function* once(): AsyncGenerator<ChatStreamEvent, ChatResult> {
      return await callOnce(messages, chatOptions, mode);
    })();
  }

  /** On the structured-output fallback (a forced tool), the call arrives as the JSON text it stands for. */
  function jsonFallback(prepared: Prepared): boolean {
    return prepared.request.output !== undefined && prepared.built.draft.textFormat === undefined;
  }

  /** The context limits of the model these options name, as the conversation flow trims to them. */
  async function contextLimits(chatOptions: ChatOptions): Promise<ContextLimits> {
    const { config } = await resolve();
    const model = modelFor(chatOptions.model ?? config.model.value, config.region.value);
    const limits = contextLimitsFor(model, chatOptions.maxTokens);
    return { ...limits, contextWindowTokens: chatOptions.contextWindowTokens ?? limits.contextWindowTokens };
  }

  async function loopOptions(
    messages: ChatInput,
    chatOptions: ChatOptions,
    streaming: boolean,
  ): Promise<ToolLoopOptions> {
    // The config file's `maxSteps` unless the call says otherwise.
    const configured =
      chatOptions.maxSteps === undefined ? (await resolve()).config.defaults.maxSteps : undefined;
    return {
      call,
      messages: normaliseMessages(messages),
      options: configured === undefined ? chatOptions : { ...chatOptions, maxSteps: configured },
      streaming,
      now,
      contextLimits,
    };
  }

  async function complete(messages: ChatInput, chatOptions: ChatOptions = {}): Promise<ChatResult> {
    if (runsToolLoop(chatOptions)) {
      const loop = runToolLoop(await loopOptions(messages, chatOptions, false));
      for (let step = await loop.next(); ; step = await loop.next()) if (step.done) return step.value;
    }
    return callOnce(messages, chatOptions, ONE_CALL);
  }

  async function* loopStream(messages: ChatInput, chatOptions: ChatOptions): AsyncGenerator<ChatStreamEvent> {
    const result = yield* runToolLoop(await loopOptions(messages, chatOptions, true));
    yield { type: 'result', result };
  }

  function stream(messages: ChatInput, chatOptions: ChatOptions = {}): AsyncGenerator<ChatStreamEvent> {
    return runsToolLoop(chatOptions)
      ? loopStream(messages, chatOptions)
      : callStream(messages, chatOptions, ONE_STREAM);
  }

  return {
    complete,
    stream,
    async chatObject<Value>(messages: ChatInput, options: ObjectOptions<Value>) {
      return (await complete(messages, options)) as ObjectResult<Value>;
    },
    streamObject<Value>(messages: ChatInput, options: ObjectOptions<Value>) {
      return stream(messages, options) as AsyncIterable<ObjectStreamEvent<Value>>;
    },
    async chat(messages, chatOptions) {
      return (await complete(messages, chatOptions)).text;
    },
    async config() {
      return (await resolve()).config;
    },
    async resolveModel(model) {
      // The same rule as a call's model option: a number or a blank name is INVALID_INPUT here
      // too, not a TypeError or an empty model id.
      if (model !== undefined) parseChatOptions({ model });
      const { config } = await resolve();
      return modelFor(model ?? config.model.value, config.region.value);
    },
    close() {
      ownedClient?.destroy();
    },
  };
}
