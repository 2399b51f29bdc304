import type { ChatStep, LoopStopReason } from '../agent/chat-step.js';
import type { StopCondition } from '../agent/stop-conditions.js';
import type {
  ApprovalDecision,
  ToolCall,
  ToolCallRecord,
  ToolChoice,
  ToolDefinition,
} from '../agent/tool-definition.js';
import type {
  CacheTtl,
  Citation,
  CitationLocation,
  ContentBlock,
} from '../messages/content-block-schemas.js';
import type {
  InferenceConfig,
  Message,
  StopReason,
  SystemPrompt,
  Usage,
} from '../messages/message-schemas.js';
import type { EffortLevel, LatencyMode, ServedServiceTier, ServiceTierOption } from '../models/model-info.js';
import type { ResolvedModel } from '../models/resolve-model.js';
import type { OutputSchema } from '../output/output-schema.js';
import type { ThinkingOption } from '../request/chat-request.js';

/** Options of every chat call; all optional, defaults come from the resolved config. */
export interface ChatOptions {
  /** A system prompt: a string (as in the course) or Converse system blocks. */
  system?: SystemPrompt | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  stopSequences?: string[] | undefined;
  /** Always sent to Bedrock; defaults to the model's default output budget. */
  maxTokens?: number | undefined;
  /** An alias (`haiku`, `sonnet`, `opus`, `sonnet-4.5` …), a model id, an inference profile id or an ARN. */
  model?: string | undefined;
  /**
   * Prompt caching, on by default for the models that have it: cache points after the system
   * prompt and at the end of the history sent again, where the prefix is long enough to cache.
   * `false` sends none.
   */
  cache?: boolean | undefined;
  /** How long a cache point lives: `5m` (default) or `1h` where the model offers it. */
  cacheTtl?: CacheTtl | undefined;
  /** Ask for citations from every document in the request (`document.citations.enabled`). */
  citations?: boolean | undefined;
  /**
   * Thinking: `true` (adaptive where the model has it, else a budget of half of maxTokens),
   * `{ budgetTokens }` (at least 1,024, below maxTokens; models that take a budget), or `false`
   * (off, on a model that thinks by default). maxTokens is raised to 16,000 when unset. Reasoning
   * comes back as `reasoning` events, in `message` and in `result.reasoning`.
   */
  thinking?: ThinkingOption | undefined;
  /** How much the model spends on the answer: `outputConfig.effort`; `xhigh` and `max` need thinking. */
  effort?: EffortLevel | undefined;
  /**
   * Bedrock's service tier: `priority` (faster, dearer), `default` or `flex` (slower, cheaper).
   * A model Bedrock is known to refuse it for is refused before the call (UNSUPPORTED_BY_MODEL).
   */
  serviceTier?: ServiceTierOption | undefined;
  /** `optimized`: latency-optimized inference, on the models AWS serves it for. */
  latency?: LatencyMode | undefined;
  /** Extra fields for the model, merged last over what the options set. */
  additionalModelRequestFields?: Record<string, unknown> | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Tools the model may call (sent as Converse's `toolConfig`). When one has `execute`,
   * `complete` and `stream` run the agent loop (`agent/tool-loop.ts`); otherwise the call returns
   * after the model's `tool_use`, as Converse does.
   */
  tools?: readonly ToolDefinition[] | undefined;
  /** Default `auto`. In the loop a forced choice (`any`, `{ tool }`) applies to the first call only. */
  toolChoice?: ToolChoice | undefined;
  /** Most model calls a loop makes; default 10. */
  maxSteps?: number | undefined;
  /** More reasons to stop the loop, any-of with `maxSteps`. */
  stopWhen?: StopCondition | readonly StopCondition[] | undefined;
  /** Asked before each call runs; refusing tells the model (an error result). Default: all run. */
  approve?: ((call: ToolCall) => ApprovalDecision | Promise<ApprovalDecision>) | undefined;
  /** Tool calls run at once; default 4. */
  toolConcurrency?: number | undefined;
  /** Per tool call; default 60,000 ms. */
  toolTimeoutMs?: number | undefined;
  /**
   * Text and JSON characters one tool result may send; a longer one is cut, with a note the model
   * reads, and stored as sent. Default 100,000 (`DEFAULT_TOOL_RESULT_MAX_CHARS`, ~25K tokens).
   */
  toolResultMaxChars?: number | undefined;
  /**
   * The model's context window in tokens: overrides the catalogue's (200,000 when unknown). The
   * conversation flow trims its history to it; the tool loop checks each step against it.
   */
  contextWindowTokens?: number | undefined;
  /** Called as each loop step completes (its tools ran), before the next model call. */
  onStep?: ((step: ChatStep) => void) | undefined;
  /**
   * Structured output: the reply is JSON matching this zod schema or JSON Schema object (its top
   * level an object), parsed and checked into `result.object`. Native (`outputConfig`) where the
   * model has it, else a forced tool call turned back into the JSON text. Not with `tools`.
   */
  schema?: OutputSchema | undefined;
  /** The schema's name as the model sees it; default `response`. */
  schemaName?: string | undefined;
  /** What the schema is for, as the model sees it. */
  schemaDescription?: string | undefined;
}

/** What a full-result call returns. */
export interface ChatResult {
  /** The reply's text blocks joined (with a schema: the JSON text). */
  text: string;
  /** With a schema: the reply parsed and checked against it (zod's output for a zod schema). */
  object?: unknown;
  /** The assistant message, ready to append to the history. */
  message: Message;
  stopReason: StopReason;
  usage: Usage;
  /** Wall time of the call as measured here (ms). */
  latencyMs: number;
  /** The model id actually sent to Bedrock (after alias / profile resolution). */
  modelId: string;
  /** Estimated cost in USD from the built-in price table; undefined when the model is unknown. */
  costUsd: number | undefined;
  /**
   * What prompt caching saved on this call (USD): its cost with every cached token billed as
   * input, less `costUsd`. Negative on a call that only wrote the cache; absent when the call
   * neither read nor wrote it, or the model is not priced.
   */
  cacheSavedUsd?: number | undefined;
  /** The reply's reasoning text (its reasoning blocks joined); absent when it has none. */
  reasoning?: string | undefined;
  /** The sources the reply cites, in reply order; absent when it cites none. */
  citations?: ReplyCitation[] | undefined;
  /**
   * The service tier of the call: as Bedrock reports it served the call (`source: 'bedrock'`),
   * else as asked (`source: 'requested'`). Absent when neither the call nor Bedrock named one.
   */
  serviceTier?: { tier: ServedServiceTier; source: ReportSource } | undefined;
  /** The latency mode of the call, the same way. */
  latency?: { mode: LatencyMode; source: ReportSource } | undefined;
  /** The inference config actually sent. */
  inferenceConfig: InferenceConfig;
  /**
   * Settings core left out because the model refuses them (e.g. topP beside temperature on the
   * 4.5 models), one sentence each; absent when everything asked for was sent.
   */
  warnings?: string[] | undefined;
  /**
   * Set when the agent loop ran: every model call and its tool calls. `usage`, `costUsd` and
   * `latencyMs` then cover all of them; `message`, `text` and `stopReason` are the last reply's.
   */
  steps?: ChatStep[] | undefined;
  /** With `steps`: every message the loop added (each reply, then the results sent back). */
  messages?: Message[] | undefined;
  /** With `steps`: why the loop ended. */
  stoppedBy?: LoopStopReason | undefined;
}

/** Whether Bedrock's response named a setting, or the result repeats what the call asked for. */
export type ReportSource = 'bedrock' | 'requested';

/** Events of a streaming call, in order: deltas, then exactly one `result`. */
export type ChatStreamEvent =
  | { type: 'text'; text: string; contentBlockIndex: number }
  | { type: 'reasoning'; text: string; contentBlockIndex: number }
  | { type: 'tool-use'; block: Extract<ContentBlock, { toolUse: unknown }>; contentBlockIndex: number }
  /** A source for the text of this block (its text arrives as `text` events). */
  | { type: 'citation'; citation: Citation; contentBlockIndex: number }
  /** The agent loop answered a call (ran it, or refused it with an error result). */
  | { type: 'tool-result'; call: ToolCallRecord }
  /** The agent loop finished a step: a model call and the tool calls that followed it. */
  | { type: 'step'; step: ChatStep }
  | { type: 'result'; result: ChatResult };

/**
 * The narrow seam the conversation flow and the apps depend on. `createChatClient(config)` builds
 * the real one over Bedrock; tests may pass a fake.
 */
export interface ChatRunner {
  complete(messages: Message[], options?: ChatOptions): Promise<ChatResult>;
  stream(messages: Message[], options?: ChatOptions): AsyncIterable<ChatStreamEvent>;
  /**
   * How a model name (the configured default when none) resolves in the runner's region. The
   * conversation flow reads the context window from it; a runner without it gets the table's
   * entry for the name.
   */
  resolveModel?(model?: string): Promise<ResolvedModel>;
}

/** One source of a cited reply, as `result.citations` lists it. */
export interface ReplyCitation {
  /** The reply text this source backs. */
  text: string;
  /** What the model quotes from the document. */
  citedText: string;
  /** The document's name (its `title` in the citation). */
  documentTitle: string | undefined;
  /** Characters, pages or chunks of the document, as Bedrock reports them. */
  location: CitationLocation | undefined;
}
