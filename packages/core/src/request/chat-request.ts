import type { ToolChoice, ToolDefinition } from '../agent/tool-definition.js';
import type { ChatOptions } from '../client/chat-types.js';
import type { CacheTtl } from '../messages/content-block-schemas.js';
import type { InferenceConfig, Message, SystemBlock, SystemPrompt } from '../messages/message-schemas.js';
import type { EffortLevel, LatencyMode, PaidServiceTier, ServiceTierOption } from '../models/model-info.js';
import { type CompiledOutputSchema, compileOutputSchema } from '../output/output-schema.js';

/** What the config file supplies when a call leaves a setting out. */
export interface ChatDefaults {
  system?: string | undefined;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  serviceTier?: ServiceTierOption | undefined;
  latency?: LatencyMode | undefined;
}

/**
 * One call as asked, defaults applied, before any model-specific decision: typed and
 * transport-neutral. Features read it; none change it. A new capability adds its field here and
 * its feature under `features/` (see README.md).
 */
export interface ChatRequest {
  messages: readonly Message[];
  system?: SystemPrompt | undefined;
  /** The call's own or the configured one; the model's default when both are absent. */
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  /** True when the temperature came from the config, not from this call (it yields to topP). */
  temperatureIsDefault: boolean;
  topP?: number | undefined;
  stopSequences?: readonly string[] | undefined;
  /** Citations from the request's documents. */
  citations: boolean;
  /** Prompt caching: on unless the caller turned it off. */
  cache: boolean;
  cacheTtl?: CacheTtl | undefined;
  /** `additionalModelRequestFields` as the caller gave them: merged last, over what features set. */
  raw?: Readonly<Record<string, unknown>> | undefined;
  /** The tools the model may call; `features/tools.ts` sends them. */
  tools?: readonly ToolDefinition[] | undefined;
  toolChoice?: ToolChoice | undefined;
  /** Extended or adaptive thinking (`features/thinking.ts`); `false` turns a default-on one off. */
  thinking?: ThinkingOption | undefined;
  /** `outputConfig.effort` (`features/effort.ts`). */
  effort?: EffortLevel | undefined;
  /** Structured output: the reply is JSON matching the schema; `features/output.ts` sends it. */
  output?: OutputRequest | undefined;
  /** Converse's `serviceTier` and `performanceConfig.latency` (`features/service-tier.ts`). */
  serviceTier?: ServiceTierOption | undefined;
  latency?: LatencyMode | undefined;
}

/** A structured reply as asked: the checked schema and the name it goes under. */
export interface OutputRequest {
  schema: CompiledOutputSchema;
  /** The schema's name (`textFormat…jsonSchema.name`), and the fallback tool's. */
  name: string;
  description?: string | undefined;
}

/** `true`: adaptive where the model has it, else a budget; `{ budgetTokens }`: that budget. */
export type ThinkingOption = boolean | { budgetTokens: number };

/**
 * The request being built, as the pipeline passes it from feature to feature. Transport-neutral:
 * `transport/converse` encodes it as a ConverseCommandInput.
 */
export interface RequestDraft {
  modelId: string;
  messages: readonly Message[];
  system?: readonly SystemBlock[] | undefined;
  /** `maxTokens` is always set by the time the pipeline returns (Bedrock reserves quota by it). */
  inferenceConfig: InferenceConfig;
  /** Model-specific fields: Converse's `additionalModelRequestFields`. */
  modelFields?: Readonly<Record<string, unknown>> | undefined;
  /** Tool specifications (Converse's `toolConfig.tools[].toolSpec`). */
  tools?: readonly ToolSpec[] | undefined;
  /** Absent: the model decides (`auto`). */
  toolChoice?: ToolChoice | undefined;
  /** Converse's `outputConfig.effort`. */
  effort?: EffortLevel | undefined;
  /** Native structured output (Converse's `outputConfig.textFormat`, type `json_schema`). */
  textFormat?: TextFormat | undefined;
  /** Converse's `serviceTier.type`; absent sends none (Bedrock's default tier). */
  serviceTier?: PaidServiceTier | undefined;
  /** Converse's `performanceConfig.latency`; absent sends none (standard). */
  latency?: 'optimized' | undefined;
}

/** A JSON schema the reply must follow. */
export interface TextFormat {
  name: string;
  description?: string | undefined;
  /** A JSON Schema object (sent as a JSON string). */
  schema: Readonly<Record<string, unknown>>;
}

/** The name a schema goes under when the caller gives none. */
export const DEFAULT_SCHEMA_NAME = 'response';

/** A tool as the model sees it. */
export interface ToolSpec {
  name: string;
  description?: string | undefined;
  /** A JSON Schema object. */
  inputSchema: Readonly<Record<string, unknown>>;
  strict?: boolean | undefined;
}

/** A call's options and the config's defaults as one request. Pure; options are already parsed. */
export function toChatRequest(
  messages: readonly Message[],
  options: ChatOptions,
  defaults: ChatDefaults = {},
): ChatRequest {
  return {
    messages,
    system: options.system ?? defaults.system,
    maxTokens: options.maxTokens ?? defaults.maxTokens,
    temperature: options.temperature ?? defaults.temperature,
    temperatureIsDefault: options.temperature === undefined,
    topP: options.topP,
    stopSequences: options.stopSequences,
    citations: options.citations === true,
    cache: options.cache !== false,
    cacheTtl: options.cacheTtl,
    raw: options.additionalModelRequestFields,
    // An empty list is no tools: nothing to offer, so no toolConfig (Bedrock refuses an empty one).
    tools: options.tools?.length ? options.tools : undefined,
    toolChoice: options.toolChoice,
    thinking: options.thinking,
    effort: options.effort,
    serviceTier: options.serviceTier ?? defaults.serviceTier,
    latency: options.latency ?? defaults.latency,
    ...(options.schema === undefined
      ? {}
      : {
          output: {
            schema: compileOutputSchema(options.schema),
            name: options.schemaName ?? DEFAULT_SCHEMA_NAME,
            description: options.schemaDescription,
          },
        }),
  };
}
