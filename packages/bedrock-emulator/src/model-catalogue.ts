/**
 * The emulator's own model catalogue. It is deliberately independent of @bedrock-chat/core so the
 * emulator stays a stand-in for the service, not a mirror of the client's assumptions.
 */
export interface EmulatedModel {
  /** Base foundation-model id, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  readonly modelId: string;
  readonly modelName: string;
  readonly providerName: string;
  /** Largest `inferenceConfig.maxTokens` the model accepts. */
  readonly maxOutputTokens: number;
  /**
   * Input tokens the model takes; a longer prompt is refused ("Input is too long for requested
   * model."). 1M from Sonnet 4.6 and Opus 4.6 on, 200K before (Anthropic's models overview,
   * platform.claude.com/docs/en/about-claude/models/overview; the Bedrock model cards).
   */
  readonly contextWindowTokens: number;
  /**
   * Bedrock refuses bare ids of these models ("on-demand throughput isn't supported"): they must
   * be called through an inference profile. Claude 3.5 Haiku is on-demand in some regions, but the
   * emulator treats it as profile-only because that is how the course calls it.
   */
  readonly requiresInferenceProfile: boolean;
  /**
   * The geographies whose system-defined inference profiles route to it (`us.`, `eu.`, `global.`
   * …): what AWS publishes per model, not every geography for every model. Sources: the Bedrock
   * model cards (docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-<name>),
   * ListInferenceProfiles output quoted in public reports and configs (classmethod's Opus 5.5
   * article from ap-northeast-1; models.dev entries; craft-agents-oss and memrain releases); noted
   * per model below where one source decides it.
   */
  readonly profilePrefixes: readonly ProfilePrefix[];
  /** Sampling settings the model refuses; see {@link SamplingRefusal}. */
  readonly refusesSampling: SamplingRefusal;
  /** Extended thinking (`additionalModelRequestFields.thinking`); see {@link ThinkingSupport}. */
  readonly thinking: ThinkingSupport;
  /**
   * `outputConfig.effort` levels it takes; empty: none (the field is an extra input). From
   * Anthropic's effort page (platform.claude.com/docs/en/build-with-claude/effort): low … high from
   * Opus 4.5, `max` on Opus 4.6 and Sonnet 4.6, `xhigh` from Opus 4.7 on (and every model since).
   */
  readonly effortLevels: readonly EffortLevel[];
  /**
   * Refuses a conversation that ends with an assistant message (prefill): "This model does not
   * support assistant message prefill." Reported for Opus 4.6 and Sonnet 4.6 on Bedrock
   * (github.com/anomalyco/opencode/issues/29760, NousResearch/hermes-agent/pull/101401); Opus 4.7
   * removed prefill too (Anthropic's Opus 4.7 migration notes), and so did every later model
   * (anthropics/skills models.md: "No assistant prefill"; vybestack/llxprt-code#1977 for Fable 5).
   */
  readonly refusesPrefill: boolean;
  /**
   * Prompt caching: the shortest prefix a cache point caches (shorter ones are simply not cached)
   * and the TTLs a cache point may name. Values from the Bedrock model cards and Anthropic's
   * prompt-caching table (anthropics/skills prompt-caching.md): 4,096 for Haiku 4.5 and Opus
   * 4.5/4.6, 2,048 for Claude 3.5 Haiku and Opus 4.7, 1,024 for the other 3.7/4.x models and
   * Sonnet 5, 512 for the newer ones; a 1-hour TTL from the 4.5 models on.
   */
  readonly promptCache: { readonly minTokens: number; readonly ttls: readonly ('5m' | '1h')[] };
  /**
   * Native structured output (`outputConfig.textFormat`). AWS's structured-output list names Haiku
   * 4.5, Sonnet 4.5, Opus 4.5 and Opus 4.6 (quoted in langchain-ai/langchain-aws#883), Anthropic's
   * page adds Sonnet 4.6; Opus 4.7 refuses it (vercel/ai#14773), so do Opus 4.8 and Sonnet 5
   * (anthropics/anthropic-sdk-python#1759, presenton/presenton#939); the later models have it
   * (vercel/ai records Opus 5.5 and Fable 5.2 native JSON over Converse). Older models: none.
   */
  readonly structuredOutput: boolean;
  /** Refuses `strict` on a tool (Opus 5.5, Fable 5.1: lobehub/lobehub#19876). */
  readonly refusesStrictTools: boolean;
  /** Refuses a forced `toolChoice` outright (Opus 5.5: vercel/ai bedrock-opus-5-5-forced-tool-error). */
  readonly refusesForcedToolChoice: boolean;
  /**
   * Refuses `serviceTier` `priority` and `flex` ("The provided service tier is not supported for
   * this model"): Opus 4.1, 4.5, 4.6 and 4.7, as a Bedrock smart-router report observed them (May
   * 2026). AWS's service-tiers page lists no Claude model for Priority or Flex and no source
   * reports a refusal for the others, so they take both (see `rules/service-tier-rules.ts`).
   */
  readonly refusesPaidTiers: boolean;
  /**
   * Serves `performanceConfig.latency: "optimized"`: Claude 3.5 Haiku only among the Claude models
   * (docs.aws.amazon.com/bedrock/latest/userguide/latency-optimized-inference.html).
   */
  readonly latencyOptimized: boolean;
}

/**
 * - `none`: temperature and topP in any combination.
 * - `temperature-with-top-p`: both together are refused ("`temperature` and `top_p` cannot both be
 *   specified for this model"): Opus 4.1 and the 4.5/4.6 models (BEDROCK-WIRE.md, public reports).
 * - `temperature`: temperature at all ("temperature is deprecated for this model"): Opus 4.7 and
 *   every later model (github.com/NousResearch/hermes-agent/issues/36151,
 *   zeroclaw-labs/zeroclaw/issues/6095).
 * - `non-default`: only the defaults, temperature 1 and topP ≥ 0.99 (the Fable models: "temperature
 *   must be 1.0 or unset; top_p ≥ 0.99 … or unset", their Bedrock model cards).
 */
export type SamplingRefusal = 'none' | 'temperature-with-top-p' | 'temperature' | 'non-default';

export type EffortLevel = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * - `budget`: `{type: "enabled", budget_tokens}` (Claude 3.7 and the 4.x models up to 4.6).
 * - `adaptive-only`: `type: "enabled"` is refused; only `adaptive` (Opus 4.7, per its Bedrock
 *   model card, docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-7;
 *   Opus 4.8, Opus 5, Sonnet 5 and Haiku 5.5, which dropped `budget_tokens`).
 * - `adaptive-default`: as `adaptive-only`, thinking on when the request says nothing and
 *   `{type: "disabled"}` turns it off (Opus 5, Sonnet 5, Haiku 5.5: anthropics/skills models.md).
 * - `adaptive-always`: as `adaptive-only`, and thinking cannot be turned off (Opus 5.5, Sonnet 5.5
 *   and the Fable models: "adaptive thinking is always on and cannot be disabled", their cards):
 *   `{type: "disabled"}` is refused.
 * - `none`: the model has no extended thinking (Claude 3.5 Haiku): the field is an extra input.
 */
export type ThinkingSupport = 'budget' | 'adaptive-only' | 'adaptive-default' | 'adaptive-always' | 'none';

const CACHE_5M = ['5m'] as const;
const CACHE_BOTH = ['5m', '1h'] as const;
const OLDER_CACHE = { minTokens: 1_024, ttls: CACHE_5M } as const;

/** What the 4.5 and 4.6 models share: temperature or topP, not both; structured output. */
const LATER_4X = { refusesSampling: 'temperature-with-top-p', structuredOutput: true } as const;
const BASIC_EFFORT = ['low', 'medium', 'high'] as const;
const MAX_EFFORT = ['low', 'medium', 'high', 'max'] as const;
const ALL_EFFORT = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
/** The Fable models: thinking always on, only the default sampling. */
const FABLE = { thinking: 'adaptive-always', refusesSampling: 'non-default' } as const;

/** What the models from Opus 4.7 on share: no sampling, no prefill, adaptive thinking. */
const ADAPTIVE_GENERATION = {
  refusesSampling: 'temperature',
  thinking: 'adaptive-only',
  refusesPrefill: true,
  effortLevels: ALL_EFFORT,
} as const;

/** The context window of the models before Sonnet 4.6 and Opus 4.6. */
const SMALL_WINDOW = 200_000;

export const EMULATED_MODELS: readonly EmulatedModel[] = [
  claudeModel('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 8_192, {
    contextWindowTokens: SMALL_WINDOW,
    profilePrefixes: ['us'],
    thinking: 'none',
    promptCache: { minTokens: 2_048, ttls: CACHE_5M },
    latencyOptimized: true,
  }),
  claudeModel('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet', 64_000, {
    contextWindowTokens: SMALL_WINDOW,
    profilePrefixes: ['us', 'eu', 'apac'],
    promptCache: OLDER_CACHE,
  }),
  claudeModel('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4', 64_000, {
    contextWindowTokens: SMALL_WINDOW,
    profilePrefixes: ['us', 'eu', 'apac', 'global'],
    promptCache: OLDER_CACHE,
  }),
  claudeModel('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 64_000, {
    contextWindowTokens: SMALL_WINDOW,
    ...LATER_4X,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    promptCache: { minTokens: 1_024, ttls: CACHE_BOTH },
  }),
  claudeModel('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', 64_000, {
    contextWindowTokens: SMALL_WINDOW,
    ...LATER_4X,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    promptCache: { minTokens: 4_096, ttls: CACHE_BOTH },
  }),
  claudeModel('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', 32_000, {
    contextWindowTokens: SMALL_WINDOW,
    profilePrefixes: ['us'],
    refusesSampling: 'temperature-with-top-p',
    promptCache: OLDER_CACHE,
    refusesPaidTiers: true,
  }),
  claudeModel('anthropic.claude-opus-4-5-20251101-v1:0', 'Claude Opus 4.5', 64_000, {
    contextWindowTokens: SMALL_WINDOW,
    ...LATER_4X,
    effortLevels: BASIC_EFFORT,
    profilePrefixes: ['us', 'eu', 'global'],
    promptCache: { minTokens: 4_096, ttls: CACHE_BOTH },
    refusesPaidTiers: true,
  }),
  // Ids without a date (and Opus 4.6 without `:0`) as Bedrock lists them; 128K output per the
  // Bedrock model cards and Anthropic's model pages.
  claudeModel('anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6', 128_000, {
    ...LATER_4X,
    effortLevels: MAX_EFFORT,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    refusesPrefill: true,
    promptCache: { minTokens: 1_024, ttls: CACHE_BOTH },
  }),
  claudeModel('anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6', 128_000, {
    ...LATER_4X,
    effortLevels: MAX_EFFORT,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    refusesPrefill: true,
    promptCache: { minTokens: 4_096, ttls: CACHE_BOTH },
    refusesPaidTiers: true,
  }),
  claudeModel('anthropic.claude-opus-4-7', 'Claude Opus 4.7', 128_000, {
    ...ADAPTIVE_GENERATION,
    profilePrefixes: ['us', 'eu', 'jp', 'global'],
    promptCache: { minTokens: 2_048, ttls: CACHE_BOTH },
    refusesPaidTiers: true,
  }),
  // The models since Opus 4.7: ids without a date or version suffix (Bedrock model cards,
  // docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-<name>); 128K output.
  claudeModel('anthropic.claude-opus-4-8', 'Claude Opus 4.8', 128_000, {
    ...ADAPTIVE_GENERATION,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    promptCache: { minTokens: 1_024, ttls: CACHE_BOTH },
  }),
  claudeModel('anthropic.claude-fable-5', 'Claude Fable 5', 128_000, {
    ...ADAPTIVE_GENERATION,
    ...FABLE,
    structuredOutput: true,
    profilePrefixes: ['us', 'eu', 'global'],
  }),
  claudeModel('anthropic.claude-sonnet-5', 'Claude Sonnet 5', 128_000, {
    ...ADAPTIVE_GENERATION,
    thinking: 'adaptive-default',
    profilePrefixes: ['us', 'eu', 'jp', 'global'],
    promptCache: { minTokens: 1_024, ttls: CACHE_BOTH },
  }),
  // Global, US, EU, AU and JP (anomalyco/models.dev#3706).
  claudeModel('anthropic.claude-opus-5', 'Claude Opus 5', 128_000, {
    ...ADAPTIVE_GENERATION,
    thinking: 'adaptive-default',
    structuredOutput: true,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
  }),
  // Global only: AWS's price list names `global.anthropic.claude-fable-5-1` and no geography one.
  claudeModel('anthropic.claude-fable-5-1', 'Claude Fable 5.1', 128_000, {
    structuredOutput: true,
    refusesStrictTools: true,
    ...ADAPTIVE_GENERATION,
    ...FABLE,
    profilePrefixes: ['global'],
  }),
  // jp. and global. in ListInferenceProfiles from ap-northeast-1 (classmethod); us. and au. in configs.
  claudeModel('anthropic.claude-opus-5-5', 'Claude Opus 5.5', 128_000, {
    ...ADAPTIVE_GENERATION,
    profilePrefixes: ['us', 'jp', 'au', 'global'],
    thinking: 'adaptive-always',
    structuredOutput: true,
    refusesStrictTools: true,
    refusesForcedToolChoice: true,
  }),
  claudeModel('anthropic.claude-sonnet-5-5', 'Claude Sonnet 5.5', 128_000, {
    ...ADAPTIVE_GENERATION,
    profilePrefixes: ['us', 'eu', 'global'],
    thinking: 'adaptive-always',
    structuredOutput: true,
  }),
  // No global. profile was found for Haiku 5.5 or Fable 5.2 (us. and eu. / us. only so far).
  claudeModel('anthropic.claude-haiku-5-5', 'Claude Haiku 5.5', 128_000, {
    ...ADAPTIVE_GENERATION,
    thinking: 'adaptive-default',
    profilePrefixes: ['us', 'eu'],
  }),
  claudeModel('anthropic.claude-fable-5-2', 'Claude Fable 5.2', 128_000, {
    ...ADAPTIVE_GENERATION,
    ...FABLE,
    structuredOutput: true,
    profilePrefixes: ['us'],
  }),
];

type Capabilities = Pick<
  EmulatedModel,
  | 'profilePrefixes'
  | 'refusesSampling'
  | 'thinking'
  | 'refusesPrefill'
  | 'promptCache'
  | 'effortLevels'
  | 'structuredOutput'
  | 'refusesStrictTools'
  | 'refusesForcedToolChoice'
  | 'contextWindowTokens'
  | 'refusesPaidTiers'
  | 'latencyOptimized'
>;

/**
 * A Claude model as the emulator serves it: profile-only, the newest generation's defaults unless
 * `capabilities` says otherwise. Exported so a test can serve a model a client does not know yet
 * (`startEmulator({ additionalModels })`).
 */
export function claudeModel(
  modelId: string,
  modelName: string,
  maxOutputTokens: number,
  capabilities: Partial<Capabilities> = {},
): EmulatedModel {
  return {
    modelId,
    modelName,
    providerName: 'Anthropic',
    maxOutputTokens,
    contextWindowTokens: 1_000_000,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'global'],
    refusesSampling: 'none',
    thinking: 'budget',
    effortLevels: [],
    refusesPrefill: false,
    // The 5-generation floor; the older models name theirs in the table.
    promptCache: { minTokens: 512, ttls: CACHE_BOTH },
    structuredOutput: false,
    refusesStrictTools: false,
    refusesForcedToolChoice: false,
    refusesPaidTiers: false,
    latencyOptimized: false,
    ...capabilities,
  };
}

/** Geography prefixes of system-defined inference profiles, longest first so `us-gov.` wins over `us.`. */
export const PROFILE_PREFIXES = ['us-gov', 'global', 'apac', 'us', 'eu', 'jp', 'au'] as const;
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number];

/** Looks a base model id up in a catalogue (the built-in one by default). */
export function findModel(
  modelId: string,
  catalogue: readonly EmulatedModel[] = EMULATED_MODELS,
): EmulatedModel | undefined {
  return catalogue.find((model) => model.modelId === modelId);
}

/**
 * The geographic profile prefix that serves a region, as Bedrock lists them in
 * ListInferenceProfiles (us-east-1 → `us`, eu-west-1 → `eu`, ap-northeast-1 → `apac`…).
 */
export function geographyOfRegion(region: string): ProfilePrefix | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-') || region.startsWith('ca-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

/** Country profiles (`jp.`, `au.`) callable from these regions besides their geography's. */
const COUNTRY_PROFILE_REGIONS: Partial<Record<ProfilePrefix, readonly string[]>> = {
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
};

/**
 * Profile prefixes callable from a region: its geography (and country, in Japan and Australia)
 * plus `global.` (not in GovCloud). A profile of any other geography is an invalid id there.
 */
export function profilePrefixesForRegion(region: string): ProfilePrefix[] {
  const geography = geographyOfRegion(region);
  if (geography === 'us-gov') return ['us-gov'];
  const countries = (['jp', 'au'] as const).filter((prefix) =>
    COUNTRY_PROFILE_REGIONS[prefix]?.includes(region),
  );
  return geography === undefined ? ['global'] : [...countries, geography, 'global'];
}
