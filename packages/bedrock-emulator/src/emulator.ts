import type { AuthOptions } from './auth.js';
import { listenDualProtocol } from './dual-protocol-server.js';
import { type Fault, FaultQueue } from './faults.js';
import { handleExchange } from './handle-exchange.js';
import { EMULATED_MODELS, type EmulatedModel } from './model-catalogue.js';
import type { EmulatorState, StreamingDefaults } from './operation-context.js';
import { PromptCache } from './prompt-cache.js';
import { type RecordedRequest, RequestLog } from './request-log.js';
import type { ScriptedReply } from './scripted-reply.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  readonly host?: string;
  /**
   * Region the emulator serves (default `us-east-1`). SigV4 scopes must name it, control-plane
   * ARNs use it and ListInferenceProfiles returns the profiles callable from it.
   */
  readonly region?: string;
  /** Delay before the first stream event, in ms (default 0). */
  readonly ttftMs?: number;
  /** Delay between content deltas, in ms (default 0). */
  readonly chunkDelayMs?: number;
  /** Tokens per content delta (default 4, i.e. 16 characters). */
  readonly chunkTokens?: number;
  /** Credentials to reject, to reproduce Bedrock's auth failures. */
  readonly auth?: AuthOptions;
  /** Milliseconds clock of the prompt cache's TTLs (default `Date.now`), for tests. */
  readonly now?: () => number;
  /**
   * Models served beside the built-in catalogue (build them with `claudeModel`), e.g. one newer
   * than a client release: ListFoundationModels, ListInferenceProfiles and Converse know them.
   */
  readonly additionalModels?: readonly EmulatedModel[];
}

/** A running emulator. Every member is safe to call between requests of a test. */
export interface Emulator {
  /** Base URL for `endpoint` / `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, e.g. `http://127.0.0.1:50123`. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** Every request received since start or the last `clearRequests()`/`reset()`, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Scripted replies not yet consumed. */
  readonly pendingReplies: number;
  /** Queues replies for the next Converse/ConverseStream requests, first in first out. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Arms a fault for the next matching request(s); faults queue in the order they are armed. */
  fail(fault: Fault): void;
  clearRequests(): void;
  /** Drops queued replies and faults, clears the request log and the prompt cache, restores the start-up timing. */
  reset(): void;
  /**
   * Holds the replies to Converse and ConverseStream requests (each is recorded as it arrives)
   * until the returned function is called, e.g. to have several clients wait inside their model
   * call at once. Requests arriving while held wait too.
   */
  hold(): () => void;
  /** Changes timing knobs for subsequent requests. */
  setDefaults(defaults: Partial<StreamingDefaults>): void;
  /** Stops the server, ends in-flight streams and destroys every connection. */
  close(): Promise<void>;
}

const DEFAULT_CHUNK_TOKENS = 4;

function checkDefaults(defaults: StreamingDefaults): StreamingDefaults {
  for (const [name, value] of Object.entries(defaults)) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative number: ${value}`);
  }
  if (defaults.chunkTokens < 1)
    throw new RangeError(`chunkTokens must be at least 1: ${defaults.chunkTokens}`);
  return defaults;
}

/**
 * Starts a local Bedrock Runtime (Converse, ConverseStream, CountTokens) plus the two
 * control-plane list operations, over HTTP/1.1 and h2c on one port.
 *
 * @example
 * const emulator = await startEmulator();
 * const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emulator.url,
 *   credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
 * emulator.enqueue({ text: 'Hello!' });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const initialDefaults = checkDefaults({
    ttftMs: options.ttftMs ?? 0,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    chunkTokens: options.chunkTokens ?? DEFAULT_CHUNK_TOKENS,
  });
  const shutdown = new AbortController();
  const state: EmulatorState = {
    region: options.region ?? 'us-east-1',
    models: [...EMULATED_MODELS, ...(options.additionalModels ?? [])],
    auth: options.auth ?? {},
    defaults: initialDefaults,
    replies: [],
    faults: new FaultQueue(),
    log: new RequestLog(),
    promptCache: new PromptCache(options.now),
    shutdown: shutdown.signal,
  };
  const host = options.host ?? '127.0.0.1';
  const server = await listenDualProtocol({
    port: options.port ?? 0,
    host,
    onExchange: (exchange) => {
      handleExchange(exchange, state).catch(() => exchange.destroyConnection());
    },
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${server.port}`,
    port: server.port,
    region: state.region,
    get requests() {
      return state.log.entries;
    },
    get pendingReplies() {
      return state.replies.length;
    },
    enqueue(...replies) {
      state.replies.push(...replies);
    },
    fail(fault) {
      state.faults.add(fault);
    },
    clearRequests() {
      state.log.clear();
    },
    reset() {
      state.replies.length = 0;
      state.faults.clear();
      state.log.clear();
      state.promptCache.clear();
      state.defaults = initialDefaults;
    },
    hold() {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      state.held = held;
      return () => {
        if (state.held === held) state.held = undefined;
        release();
      };
    },
    setDefaults(defaults) {
      state.defaults = checkDefaults({ ...state.defaults, ...defaults });
    },
    close() {
      closing ??= (async () => {
        shutdown.abort();
        await server.close();
      })();
      return closing;
    },
  };
}
