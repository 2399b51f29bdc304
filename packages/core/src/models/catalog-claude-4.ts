import { type ModelInfo, standardCachePrices } from './model-info.js';
import { NO_PAID_TIERS } from './service-tiers.js';

/*
 * Claude 3.5 Haiku to Opus 4.8 (checked 2026-12-01). Sources, cited below by their tag:
 * [legacy]  platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock-legacy — base
 *           ids and the global/us/eu/jp/apac profile table per model.
 * [models]  platform.claude.com/docs/en/about-claude/models/overview and …/models/<model>/overview
 *           — context window, max output, prices, thinking, default effort.
 * [caching] anthropics/skills skills/claude-api/shared/prompt-caching.md @fc9191c — the minimum
 *           cacheable prefix per model, and the cache price multiples (write 1.25× / 2×, read 0.1×).
 * [card-x]  docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-<x> — Bedrock
 *           launch dates, limits, APIs supported, prompt caching (minimum, TTLs).
 * [so]      langchain-ai/langchain-aws#883, quoting AWS's structured-output list (Haiku 4.5, Sonnet
 *           4.5, Opus 4.5, Opus 4.6); later models from vercel/ai's live Converse fixtures
 *           (packages/amazon-bedrock/src/__fixtures__: sonnet-4-6 native structured output).
 *           Opus 4.7 and 4.8 refuse it on Bedrock ("output_config.format: Extra inputs are not
 *           permitted": vercel/ai#14773 and its fix #15288, anomalyco/models.dev#1765;
 *           anthropics/anthropic-sdk-python#1759 for 4.8), so they take the forced-tool fallback.
 * Converse: every model here is served by Converse (the [legacy] page documents "the InvokeModel and
 * Converse APIs" for all of them; Opus 4.7 is listed apart because it has no ARN-versioned id, and
 * vercel/ai records it live over Converse: bedrock-opus-4-7-strict-tool-live.json).
 * 1-hour cache TTL: the 4.5 models and later ([card-haiku-4-5]: "5 minutes, 1 hour"); no 1 h TTL is
 * claimed for the older ones (not found in the sources). Citations: Converse `document.citations`
 * on the Claude models (vercel/ai bedrock-document-citations fixtures).
 * Prices: Bedrock's on-demand prices equal Anthropic's for the `global.` profile; geography profiles
 * of the 4.5 models cost 10% more (BEDROCK-WIRE.md); no premium is claimed where unverified.
 */

const BUDGET_ONLY = { budget: true, adaptive: false, default: 'off' } as const;
const BUDGET_OR_ADAPTIVE = { budget: true, adaptive: true, default: 'off' } as const;
const ADAPTIVE_ONLY = { budget: false, adaptive: true, default: 'off' } as const;
const ALL_EFFORT = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
const BOTH_TTLS = ['5m', '1h'] as const;

/** What every model here shares on Bedrock: profile-only, Converse, citations, forced tools. */
const ON_BEDROCK = {
  requiresInferenceProfile: true,
  api: 'converse',
  citations: true,
  forcedToolChoice: true,
} as const;

export const CLAUDE_4_MODELS: readonly ModelInfo[] = [
  {
    ...ON_BEDROCK,
    // [legacy] id; [card-3-5-haiku]: 200K / 8K, model EOL date 2026-06-19 (kept so stored
    // conversations still price). $0.80 / $4 [models, legacy pricing]; cache minimum 2,048 [caching].
    baseModelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    name: 'Claude 3.5 Haiku',
    family: 'haiku',
    aliases: ['haiku-3.5', 'claude-3-5-haiku', 'claude-3.5-haiku'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 8_192,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us'],
    pricePerMillion: standardCachePrices(0.8, 4, false),
    released: '2024-10-22',
    sampling: 'any',
    thinking: undefined,
    effortLevels: [],
    structuredOutput: false,
    promptCache: { minTokens: 2_048, ttls: ['5m'] },
    // Latency-optimized through `us.` from us-east-2 and us-west-2 (service-tiers.ts [latency]).
    // $1 / $5 (AWS's price list as Artificial Analysis' provider table quotes it; another of its
    // snapshots shows $0.80 input: the higher is kept, so an estimate never falls short).
    latencyOptimized: {
      regions: ['us-east-2', 'us-west-2'],
      pricePerMillion: standardCachePrices(1, 5, false),
    },
  },
  {
    ...ON_BEDROCK,
    // [legacy] id and profiles (us, eu, apac); 200K / 64K; $3 / $15; cache minimum 1,024 [caching].
    baseModelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    name: 'Claude 3.7 Sonnet',
    family: 'sonnet',
    aliases: ['sonnet-3.7', 'claude-3-7-sonnet', 'claude-3.7-sonnet'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'apac'],
    pricePerMillion: standardCachePrices(3, 15, false),
    released: '2025-02-19',
    sampling: 'any',
    thinking: BUDGET_ONLY,
    effortLevels: [],
    structuredOutput: false,
    promptCache: { minTokens: 1_024, ttls: ['5m'] },
  },
  {
    ...ON_BEDROCK,
    // [legacy] id and profiles (global, us, eu, apac); 200K / 64K; $3 / $15; minimum 1,024 [caching].
    baseModelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    name: 'Claude Sonnet 4',
    family: 'sonnet',
    aliases: ['sonnet-4', 'claude-sonnet-4'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'apac', 'global'],
    pricePerMillion: standardCachePrices(3, 15, false),
    released: '2025-05-14',
    sampling: 'any',
    thinking: BUDGET_ONLY,
    effortLevels: [],
    structuredOutput: false,
    promptCache: { minTokens: 1_024, ttls: ['5m'] },
  },
  {
    ...ON_BEDROCK,
    // [legacy] id, us only; 200K / 32K; $15 / $75; minimum 1,024 [caching]. Anthropic retired it on
    // its own API on 2026-08-05 (anthropics/skills models.md); Bedrock's date was not found.
    baseModelId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    name: 'Claude Opus 4.1',
    family: 'opus',
    aliases: ['opus-4.1', 'claude-opus-4-1', 'claude-opus-4.1'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 32_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us'],
    pricePerMillion: standardCachePrices(15, 75, false),
    released: '2025-08-05',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_ONLY,
    effortLevels: [],
    structuredOutput: false,
    promptCache: { minTokens: 1_024, ttls: ['5m'] },
    // Bedrock refuses a priority tier for it (service-tiers.ts [router]).
    serviceTiers: NO_PAID_TIERS,
  },
  {
    ...ON_BEDROCK,
    // [legacy] id, profiles global/us/eu/jp (+ au, models.dev au.anthropic.claude-sonnet-4-5 entry);
    // 200K / 64K; $3 / $15, geography +10%; minimum 1,024 [caching]; structured output [so].
    baseModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    name: 'Claude Sonnet 4.5',
    family: 'sonnet',
    aliases: ['sonnet-4.5', 'claude-sonnet-4-5', 'claude-sonnet-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    pricePerMillion: standardCachePrices(3, 15),
    regionalProfilePremium: 1.1,
    released: '2025-09-29',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_ONLY,
    effortLevels: [],
    structuredOutput: true,
    strictTools: true,
    promptCache: { minTokens: 1_024, ttls: BOTH_TTLS },
  },
  {
    ...ON_BEDROCK,
    // [card-haiku-4-5]: id, profiles (us., eu. … and global.), 200K / 64K, caching "4,096 / 4 /
    // 5 minutes, 1 hour"; $1 / $5, geography +10%; no effort ([models]: "Not supported"); [so].
    baseModelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    name: 'Claude Haiku 4.5',
    family: 'haiku',
    aliases: ['haiku-4.5', 'claude-haiku-4-5', 'claude-haiku-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    pricePerMillion: standardCachePrices(1, 5),
    regionalProfilePremium: 1.1,
    released: '2025-10-01',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_ONLY,
    effortLevels: [],
    structuredOutput: true,
    strictTools: true,
    promptCache: { minTokens: 4_096, ttls: BOTH_TTLS },
  },
  {
    ...ON_BEDROCK,
    // [legacy] id, profiles global/us/eu; 200K / 64K; $5 / $25, geography +10%; minimum 4,096
    // [caching]; effort low/medium/high (Anthropic's effort docs: introduced with Opus 4.5); [so].
    baseModelId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    name: 'Claude Opus 4.5',
    family: 'opus',
    aliases: ['opus-4.5', 'claude-opus-4-5', 'claude-opus-4.5'],
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'global'],
    pricePerMillion: standardCachePrices(5, 25),
    regionalProfilePremium: 1.1,
    released: '2025-11-01',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_ONLY,
    effortLevels: ['low', 'medium', 'high'],
    structuredOutput: true,
    strictTools: true,
    promptCache: { minTokens: 4_096, ttls: BOTH_TTLS },
    // Bedrock refuses a priority tier for it (service-tiers.ts [router]).
    serviceTiers: NO_PAID_TIERS,
  },
  {
    ...ON_BEDROCK,
    // Id without a date or `:0` [legacy]; profiles global/us/eu/jp ([legacy]; au per the aether-llm
    // crate's ListInferenceProfiles enum, docs.rs/aether-llm). 1M / 128K [models]; $3 / $15;
    // adaptive thinking (budget still accepted, deprecated) [models]; minimum 1,024 [caching]
    // (anthropic-sdk-python#1194 observed 2,048 — a cache point below it is only a no-op).
    baseModelId: 'anthropic.claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    family: 'sonnet',
    aliases: ['sonnet-4.6', 'claude-sonnet-4-6', 'claude-sonnet-4.6'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    pricePerMillion: standardCachePrices(3, 15),
    released: '2026-02-17',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_OR_ADAPTIVE,
    effortLevels: ['low', 'medium', 'high'],
    structuredOutput: true,
    strictTools: true,
    promptCache: { minTokens: 1_024, ttls: BOTH_TTLS },
  },
  {
    ...ON_BEDROCK,
    // `-v1` without `:0` [legacy] (a `:0` is "The provided model identifier is invalid",
    // RooCodeInc/Roo-Code#11231); profiles global/us/eu/jp/apac [legacy] (+ au, aether-llm).
    // 1M / 128K, $5 / $25 [models]; effort up to `max`; minimum 4,096 [caching]; [so].
    baseModelId: 'anthropic.claude-opus-4-6-v1',
    name: 'Claude Opus 4.6',
    family: 'opus',
    aliases: ['opus-4.6', 'claude-opus-4-6', 'claude-opus-4.6'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'apac', 'jp', 'au', 'global'],
    pricePerMillion: standardCachePrices(5, 25),
    released: '2026-02-05',
    sampling: 'temperature-or-top-p',
    thinking: BUDGET_OR_ADAPTIVE,
    effortLevels: ['low', 'medium', 'high', 'max'],
    structuredOutput: true,
    strictTools: true,
    promptCache: { minTokens: 4_096, ttls: BOTH_TTLS },
    // Bedrock refuses a priority tier for it (service-tiers.ts [router]).
    serviceTiers: NO_PAID_TIERS,
  },
  {
    ...ON_BEDROCK,
    // [card-opus-4-7]: launched 2026-04-16, 1M / 128K, "thinking.type: adaptive only"; profiles
    // us/eu/jp/global (models.dev amazon-bedrock entries). $5 / $25 [models]; no sampling
    // (Anthropic's Opus 4.7 migration notes); xhigh effort is new here; minimum 2,048 [caching].
    baseModelId: 'anthropic.claude-opus-4-7',
    name: 'Claude Opus 4.7',
    family: 'opus',
    aliases: ['opus-4.7', 'claude-opus-4-7', 'claude-opus-4.7'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'jp', 'global'],
    pricePerMillion: standardCachePrices(5, 25),
    released: '2026-04-16',
    sampling: 'no-sampling',
    thinking: ADAPTIVE_ONLY,
    effortLevels: ALL_EFFORT,
    structuredOutput: false,
    promptCache: { minTokens: 2_048, ttls: BOTH_TTLS },
    // Bedrock refuses a priority tier for it (service-tiers.ts [router]).
    serviceTiers: NO_PAID_TIERS,
  },
  {
    ...ON_BEDROCK,
    // [card-opus-4-8] (cited by anthropics/claude-code#63275, `global.anthropic.claude-opus-4-8`);
    // released 2026-05-28, 1M / 128K, $5 / $25 [models]; "same API surface as Opus 4.7" (adaptive
    // only, no sampling; anthropics/skills models.md); profiles us/eu/jp/au/global (models.dev
    // amazon-bedrock entries); minimum 1,024 [caching].
    baseModelId: 'anthropic.claude-opus-4-8',
    name: 'Claude Opus 4.8',
    family: 'opus',
    aliases: ['opus-4.8', 'claude-opus-4-8', 'claude-opus-4.8'],
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 128_000,
    defaultMaxTokens: 4_096,
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    pricePerMillion: standardCachePrices(5, 25),
    released: '2026-05-28',
    sampling: 'no-sampling',
    thinking: ADAPTIVE_ONLY,
    effortLevels: ALL_EFFORT,
    structuredOutput: false,
    promptCache: { minTokens: 1_024, ttls: BOTH_TTLS },
  },
];
