/**
 * What bedrock-chat knows of one Claude model on Bedrock. Capabilities are read from here, never
 * guessed from the id. The tables (`catalog-claude-4.ts`, `catalog-claude-5.ts`) cite the document
 * or package each id, limit and price comes from.
 */
export interface ModelInfo {
  /** The foundation-model id, without a geography prefix. */
  baseModelId: string;
  name: string;
  /** The family a bare family alias (`sonnet`, `opus` …) picks the newest of. */
  family: ModelFamily;
  /** Short names that resolve to this model. The first is the canonical versioned alias. */
  aliases: readonly string[];
  contextWindowTokens: number;
  maxOutputTokens: number;
  /** The `maxTokens` sent when the caller gives none (higher where the model thinks by default). */
  defaultMaxTokens: number;
  /** Bedrock serves it only through an inference profile (a bare id fails on demand). */
  requiresInferenceProfile: boolean;
  /** Geography prefixes under which AWS publishes system inference profiles for it. */
  profilePrefixes: readonly GeographyPrefix[];
  /** The bedrock-runtime operation that serves it; see {@link ModelApi}. */
  api: ModelApi;
  /** On-demand USD per million tokens (the `global.` profile price where the model has one). */
  pricePerMillion: ModelPrices;
  /** A higher price for the whole call once its prompt passes a length (Haiku 5.5). */
  longPromptPricing?: { aboveInputTokens: number; pricePerMillion: ModelPrices } | undefined;
  /** Multiplier on the price for geography (non-`global.`) profiles, where AWS publishes one. */
  regionalProfilePremium?: number | undefined;
  /** Released (YYYY-MM-DD), used to pick the newest model of a family. */
  released: string;
  /** Which sampling settings Bedrock accepts for it in one request; see {@link SamplingSupport}. */
  sampling: SamplingSupport;
  /** Extended or adaptive thinking; undefined when the model has none. */
  thinking: ThinkingSupport | undefined;
  /** `outputConfig.effort` levels it accepts; empty when it takes no effort setting. */
  effortLevels: readonly EffortLevel[];
  /** Native structured output on Converse (`outputConfig.textFormat` with a JSON schema). */
  structuredOutput: boolean;
  /** Document citations (`document.citations.enabled`). */
  citations: boolean;
  /** Prompt caching with cache points; undefined when the model has none on Bedrock. */
  promptCache: PromptCacheSupport | undefined;
  /** Whether `toolChoice` may force a tool (`any`, or one by name); the newest models refuse it. */
  forcedToolChoice: boolean;
  /**
   * Takes `strict: true` on a tool (strict tool use). Anthropic's structured-outputs page lists
   * Opus 4.6, Sonnet 4.6, Sonnet 4.5, Opus 4.5 and Haiku 4.5 on Bedrock; @ai-sdk/amazon-bedrock
   * 4.0.186 leaves strict out on Bedrock for Opus 4.7/4.8 and the 5 models (Haiku 5.5: no source
   * either way). Absent: strict is not sent, with a warning.
   */
  strictTools?: true | undefined;
  /**
   * The service tiers besides `default` Bedrock is known to accept for it (Converse
   * `serviceTier.type`; see `catalog-service-tiers.ts` for the sources). `[]`: Bedrock refuses
   * every other tier. Absent: no source says either way; the tier is sent as asked, with a
   * warning, and Bedrock refuses it if the model lacks it (a 400 before anything is billed).
   */
  serviceTiers?: readonly PaidServiceTier[] | undefined;
  /**
   * Latency-optimized inference (`performanceConfig.latency: "optimized"`): where AWS serves it
   * and what it costs. Absent: the model has none, and `optimized` is refused before the call.
   */
  latencyOptimized?: LatencyOptimizedSupport | undefined;
}

/** Converse's `serviceTier.type` values a call may ask for (`reserved` needs a reservation). */
export const SERVICE_TIERS = ['priority', 'default', 'flex'] as const;
export type ServiceTierOption = (typeof SERVICE_TIERS)[number];
/** What Bedrock may report it served a call with: the tiers above, and `reserved`. */
export type ServedServiceTier = ServiceTierOption | 'reserved';
/** The tiers priced apart from the standard (`default`) one. */
export type PaidServiceTier = Exclude<ServiceTierOption, 'default'>;

/** Converse's `performanceConfig.latency` values. */
export const LATENCY_MODES = ['standard', 'optimized'] as const;
export type LatencyMode = (typeof LATENCY_MODES)[number];

export interface LatencyOptimizedSupport {
  /** The source regions AWS serves the optimized version from (through its `us.` profile). */
  regions: readonly string[];
  /** On-demand USD per million tokens when Bedrock reports it served the call optimized. */
  pricePerMillion: ModelPrices;
}

export const MODEL_FAMILIES = ['haiku', 'sonnet', 'opus', 'fable'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

export const GEOGRAPHY_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global'] as const;
export type GeographyPrefix = (typeof GEOGRAPHY_PREFIXES)[number];

/**
 * - `converse`: Converse / ConverseStream serve it (and InvokeModel with the Anthropic body).
 * - `invoke-model`: only InvokeModel / InvokeModelWithResponseStream with the Anthropic Messages
 *   body. No current model is known to be in this case (see the tables' notes); the value exists
 *   so a model that is can be recorded, and refused clearly until that transport exists.
 */
export type ModelApi = 'converse' | 'invoke-model';

export interface ModelPrices {
  input: number;
  output: number;
  /** Writing a cache point with the 5-minute TTL (Anthropic: 1.25× input). */
  cacheWrite5m: number;
  /** Writing a cache point with the 1-hour TTL (Anthropic: 2× input), where the model offers it. */
  cacheWrite1h: number | undefined;
  /** Reading a cached prefix (Anthropic: 0.1× input, lower on some newer models). */
  cacheRead: number;
}

/**
 * - `any`: temperature and topP, alone or together.
 * - `temperature-or-top-p`: either, not both. Bedrock answers "`temperature` and `top_p` cannot
 *   both be specified for this model. Please use only one." (Opus 4.1, the 4.5 and 4.6 models).
 * - `no-sampling`: neither (Opus 4.7 and later: "`temperature` is deprecated for this model";
 *   Anthropic's "Migrating to Claude Opus 4.7" says setting temperature, top_p or top_k returns a
 *   400). The Fable models accept only the defaults (temperature 1, top_p ≥ 0.99), so sending
 *   none is the one safe choice there too.
 */
export type SamplingSupport = 'any' | 'temperature-or-top-p' | 'no-sampling';

/**
 * - `budget`: `{type: "enabled", budget_tokens}` is accepted.
 * - `adaptive`: `{type: "adaptive"}` is accepted (the model decides how much to think).
 * - `default`: `off` — no thinking unless asked; `on` — adaptive thinking when the request says
 *   nothing, and `{type: "disabled"}` turns it off; `always` — thinking cannot be turned off
 *   (`disabled` is a 400).
 */
export interface ThinkingSupport {
  budget: boolean;
  adaptive: boolean;
  default: 'off' | 'on' | 'always';
}

export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type EffortLevel = (typeof EFFORT_LEVELS)[number];

export const CACHE_TTLS = ['5m', '1h'] as const;
export type CacheTtl = (typeof CACHE_TTLS)[number];

export interface PromptCacheSupport {
  /** A prefix shorter than this is silently not cached (no error, no write). */
  minTokens: number;
  /** The TTLs a cache point may ask for; `5m` is the default. */
  ttls: readonly CacheTtl[];
}

/** Anthropic's cache prices as multiples of the input price (prompt-caching docs). */
export function standardCachePrices(input: number, output: number, oneHour = true): ModelPrices {
  return {
    input,
    output,
    cacheWrite5m: round(input * 1.25),
    cacheWrite1h: oneHour ? round(input * 2) : undefined,
    cacheRead: round(input * 0.1),
  };
}

function round(price: number): number {
  return Math.round(price * 1_000_000) / 1_000_000;
}
