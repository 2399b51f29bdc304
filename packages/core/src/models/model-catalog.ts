/**
 * Claude models on Bedrock that bedrock-chat knows by name. Prices are on-demand USD per million
 * tokens as published by AWS (the `global.` profile price for models that have one); geography
 * profiles of the 4.5 models cost about 10% more (`regionalProfilePremium`). Verify against the
 * Bedrock pricing page before relying on a figure. Cache reads cost 10% of input, cache writes 125%.
 */
export interface ModelInfo {
  /** The foundation-model id, without a geography prefix. */
  baseModelId: string;
  name: string;
  /** Short names that resolve to this model. The first is the canonical versioned alias. */
  aliases: readonly string[];
  contextWindowTokens: number;
  maxOutputTokens: number;
  /** The `maxTokens` sent when the caller gives none. */
  defaultMaxTokens: number;
  /** Bedrock serves it only through an inference profile (a bare id fails on demand). */
  requiresInferenceProfile: boolean;
  /** Geography prefixes under which AWS publishes system inference profiles for it. */
  profilePrefixes: readonly GeographyPrefix[];
  pricePerMillion: { input: number; output: number };
  /** Multiplier on the price for geography (non-`global.`) profiles. */
  regionalProfilePremium?: number;
  /** Released (YYYY-MM-DD), used to pick the newest model of a family. */
  released: string;
  /** Which sampling settings Bedrock accepts for it in one request; see {@link SamplingSupport}. */
  sampling: SamplingSupport;
}

/**
 * - `any`: temperature and topP, alone or together.
 * - `temperature-or-top-p`: either, not both. Bedrock answers "`temperature` and `top_p` cannot
 *   both be specified for this model. Please use only one." (Opus 4.1 and the 4.5+ models).
 * - `no-sampling`: neither temperature nor topP (Opus 4.7: "`temperature` is deprecated for this
 *   model"; Anthropic's "Migrating to Claude Opus 4.7" says setting temperature, top_p or top_k
 *   returns a 400, as quoted by OpenRouter's Claude 4.7 migration guide and ComfyUI issue #13923).
 */
export type SamplingSupport = 'any' | 'temperature-or-top-p' | 'no-sampling';

export const GEOGRAPHY_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global'] as const;
export type GeographyPrefix = (typeof GEOGRAPHY_PREFIXES)[number];

export const MODEL_CATALOG: readonly ModelInfo[] = [
  {
    baseModelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    name: 'Claude 3.5 Haiku',
    aliases: ['haiku-3.5', 'claude-3-5-haiku', 'claude-3.5-haiku'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 8_192,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us'],
    pricePerMillion: { input: 0.8, output: 4 },
    released: '2024-10-22',
    sampling: 'any',
  },
  {
    baseModelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    name: 'Claude 3.7 Sonnet',
    aliases: ['sonnet-3.7', 'claude-3-7-sonnet', 'claude-3.7-sonnet'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'apac'],
    pricePerMillion: { input: 3, output: 15 },
    released: '2025-02-19',
    sampling: 'any',
  },
  {
    baseModelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    name: 'Claude Sonnet 4',
    aliases: ['sonnet-4', 'claude-sonnet-4'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'apac', 'global'],
    pricePerMillion: { input: 3, output: 15 },
    released: '2025-05-14',
    sampling: 'any',
  },
  {
    baseModelId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    name: 'Claude Opus 4.1',
    aliases: ['opus-4.1', 'claude-opus-4-1', 'claude-opus-4.1'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 32_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us'],
    pricePerMillion: { input: 15, output: 75 },
    released: '2025-08-05',
    sampling: 'temperature-or-top-p',
  },
  {
    baseModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    name: 'Claude Sonnet 4.5',
    aliases: ['sonnet-4.5', 'claude-sonnet-4-5', 'claude-sonnet-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    pricePerMillion: { input: 3, output: 15 },
    regionalProfilePremium: 1.1,
    released: '2025-09-29',
    sampling: 'temperature-or-top-p',
  },
  {
    baseModelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    name: 'Claude Haiku 4.5',
    aliases: ['haiku-4.5', 'claude-haiku-4-5', 'claude-haiku-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    pricePerMillion: { input: 1, output: 5 },
    regionalProfilePremium: 1.1,
    released: '2025-10-01',
    sampling: 'temperature-or-top-p',
  },
  {
    baseModelId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    name: 'Claude Opus 4.5',
    aliases: ['opus-4.5', 'claude-opus-4-5', 'claude-opus-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'global'],
    pricePerMillion: { input: 5, output: 25 },
    regionalProfilePremium: 1.1,
    released: '2025-11-01',
    sampling: 'temperature-or-top-p',
  },
  // The 4.6 and 4.7 models. Bedrock ids (no date; Opus 4.6 ends in `-v1` without `:0`): Anthropic's
  // models overview (platform.claude.com/docs/en/about-claude/models/overview, "AWS Bedrock ID") and
  // BEDROCK-WIRE.md; a `:0` on Opus 4.6 is "The provided model identifier is invalid"
  // (RooCodeInc/Roo-Code#11231). Context window, max output and launch dates: the Bedrock model
  // cards (docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-6,
  // …-opus-4-7) and Anthropic's model pages (platform.claude.com/docs/en/models/sonnet-4-6/overview).
  // Prices: Anthropic's pricing page (platform.claude.com/docs/en/about-claude/pricing); the Bedrock
  // pricing page could not be checked here, so no regional-profile premium is claimed (unverified).
  // Geography profiles: us. is what users call (the issue's `us.anthropic.claude-opus-4-7`); eu., jp.,
  // au. and global. as published profiles are listed from ListInferenceProfiles by the aether-llm
  // crate's BedrockFoundationModel enum (docs.rs/aether-llm); the AWS inference-profile table itself
  // could not be read here, and no apac. profile was found for any of the three.
  {
    baseModelId: 'anthropic.claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    aliases: ['sonnet-4.6', 'claude-sonnet-4-6', 'claude-sonnet-4.6'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    pricePerMillion: { input: 3, output: 15 },
    released: '2026-02-17',
    sampling: 'temperature-or-top-p',
  },
  {
    baseModelId: 'anthropic.claude-opus-4-6-v1',
    name: 'Claude Opus 4.6',
    aliases: ['opus-4.6', 'claude-opus-4-6', 'claude-opus-4.6'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'au', 'global'],
    pricePerMillion: { input: 5, output: 25 },
    released: '2026-02-05',
    sampling: 'temperature-or-top-p',
  },
  {
    baseModelId: 'anthropic.claude-opus-4-7',
    name: 'Claude Opus 4.7',
    aliases: ['opus-4.7', 'claude-opus-4-7', 'claude-opus-4.7'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    requiresInferenceProfile: true,
    profilePrefixes: ['us', 'eu', 'jp', 'global'],
    pricePerMillion: { input: 5, output: 25 },
    released: '2026-04-16',
    sampling: 'no-sampling',
  },
];

/**
 * Family aliases point at the current default of each family. They stay on the 4.5 models even
 * though 4.6 and 4.7 are in the table: moving them changes what every existing config calls, so it
 * is done deliberately on its own (the 4.6+ models are reached by their versioned aliases).
 */
export const FAMILY_ALIASES: Readonly<Record<string, string>> = {
  haiku: 'anthropic.claude-haiku-4-5-20251001-v1:0',
  sonnet: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  opus: 'anthropic.claude-opus-4-5-20251101-v1:0',
};

/** The model used when nothing else is configured. */
export const DEFAULT_MODEL_ALIAS = 'sonnet';

const byBaseId = new Map(MODEL_CATALOG.map((model) => [model.baseModelId, model]));

export function findModelByBaseId(baseModelId: string): ModelInfo | undefined {
  return byBaseId.get(baseModelId);
}
