import { type ModelInfo, type ModelPrices, standardCachePrices } from './model-info.js';

/*
 * The models released since Opus 4.8 (checked 2026-12-01). Sources, cited below by their tag:
 * [models]  platform.claude.com/docs/en/about-claude/models/overview and …/models/<model>/overview
 *           — context window, max output, prices, thinking, default effort.
 * [skills]  anthropics/skills skills/claude-api/shared/models.md and prompt-caching.md @fc9191c —
 *           API behaviour per model and the minimum cacheable prefix (512 for Opus 5, Fable 5 and
 *           5.1; 1,024 for Sonnet 5).
 * [card-x]  docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-<x> — Bedrock
 *           launch date, limits, sampling, reasoning, APIs supported, prompt caching.
 * [ai-sdk]  vercel/ai releases of @ai-sdk/amazon-bedrock adding the Bedrock ids
 *           (4.0.186: sonnet-5-5; 4.0.192: haiku-5-5; 3.0.145: fable-5-2).
 * Every model here is served by Converse: [card-opus-5-5] lists Converse among the bedrock-runtime
 * APIs; dev.classmethod.jp/en/articles/bedrock-claude-opus-5-5 called it through Converse;
 * LibreChat PR #13628 tested Fable 5 "live … (Converse API, us-west-2)"; vercel/ai records Opus
 * 5.5 replies over Converse (amazon-bedrock-opus-5-5-json-text.json). A gateway's docs that route
 * Fable 5.1 and Opus 5.5 through InvokeModel (mayu "Bedrock coding models") describe its own
 * adapter, not a Bedrock limit. Anthropic now recommends the Messages-API Bedrock endpoint for
 * these models; Converse still serves them.
 * Thinking is on by default (Opus 5, Sonnet 5, Haiku 5.5) or cannot be turned off (Opus 5.5,
 * Sonnet 5.5, the Fable models), so the default `maxTokens` leaves room for it. Sampling: none
 * of them takes a non-default temperature or topP. With thinking always on, a forced tool choice
 * is refused ("Thinking may not be enabled when tool_choice forces tool use"; Opus 5.5: "tool_choice:
 * type "tool" and "any" are not supported for this model", vercel/ai bedrock-opus-5-5-forced-tool-error).
 * Minimum cacheable prefix where [skills] has none (Opus 5.5, Sonnet 5.5, Haiku 5.5, Fable 5.2):
 * 512, the 5-generation floor. Checked 2026-12-01: no page gives these four a minimum —
 * [skills] prompt-caching.md (@0da71c3) lists 512 only for Opus 5, Fable 5.1 and Mythos 5.1,
 * the harn-vm 0.10.52 crate's floors measured on the live API (2026-07-24) stop at Opus 5 and
 * Fable 5 (512), and neither the model pages nor the Bedrock cards name one. So 512 stays an
 * inference, and a safe one: a cache point below a model's real minimum is a no-op, not an
 * error (it costs nothing and writes nothing). Cache prices where no source gives them (Fable
 * 5.2: none found on Anthropic's model page, AWS's price list or public configs): Anthropic's
 * multiples of the input price.
 */

const THINKS_BY_DEFAULT = { budget: false, adaptive: true, default: 'on' } as const;
const ALWAYS_THINKS = { budget: false, adaptive: true, default: 'always' } as const;
const ALL_EFFORT = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
const BOTH_TTLS = ['5m', '1h'] as const;
const THINKING_MAX_TOKENS = 16_000;

/** What every model of this generation shares on Bedrock. */
const FIVE_GENERATION = {
  contextWindowTokens: 1_000_000,
  maxOutputTokens: 128_000,
  defaultMaxTokens: THINKING_MAX_TOKENS,
  requiresInferenceProfile: true,
  api: 'converse',
  sampling: 'no-sampling',
  effortLevels: ALL_EFFORT,
  citations: true,
} as const;

function prices(input: number, output: number, cache: Partial<ModelPrices> = {}): ModelPrices {
  return { ...standardCachePrices(input, output), ...cache };
}

export const CLAUDE_5_MODELS: readonly ModelInfo[] = [
  {
    // [card-fable-5]: launched 2026-06-09, 1M / 128K, "temperature must be 1.0 or unset; top_p
    // ≥ 0.99 … or unset", "adaptive thinking is always on", caching 5 m and 1 h. $10 / $50
    // [models]; cache reads $1 ([skills]: "rather than Claude Fable 5.1's $0.25"). Profiles
    // us/eu/global (craft-ai-agents/craft-agents-oss v0.10.3). Minimum 512 [skills] ([card-fable-5]
    // said 1,024 at launch; [skills]: "the old Amazon Bedrock override … was removed").
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-fable-5',
    name: 'Claude Fable 5',
    family: 'fable',
    aliases: ['fable-5', 'claude-fable-5'],
    profilePrefixes: ['us', 'eu', 'global'],
    pricePerMillion: prices(10, 50),
    released: '2026-06-09',
    thinking: ALWAYS_THINKS,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: false,
  },
  {
    // Released 2026-06-30 (craft-agents-oss v0.10.5, which routes it through US/EU/Global
    // profiles; jp per models.dev jp.anthropic.claude-sonnet-5). $2 / $10 [models]; adaptive on by
    // default, `budget_tokens` removed, non-default sampling rejected, effort to `max` [skills];
    // minimum 1,024 [skills].
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-sonnet-5',
    name: 'Claude Sonnet 5',
    family: 'sonnet',
    aliases: ['sonnet-5', 'claude-sonnet-5'],
    profilePrefixes: ['us', 'eu', 'jp', 'global'],
    pricePerMillion: prices(2, 10),
    released: '2026-06-30',
    thinking: THINKS_BY_DEFAULT,
    // Bedrock refuses outputConfig.format for it (presenton/presenton#939, anthropics/anthropic-sdk-python#1759).
    structuredOutput: false,
    promptCache: { minTokens: 1_024, ttls: BOTH_TTLS },
    forcedToolChoice: true,
  },
  {
    // Released 2026-07-24 [models]; Bedrock profiles global/US/EU/AU/JP (anomalyco/models.dev#3706);
    // $5 / $25, thinking on by default and `disabled` only up to `high` effort, minimum 512 [skills].
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-opus-5',
    name: 'Claude Opus 5',
    family: 'opus',
    aliases: ['opus-5', 'claude-opus-5'],
    profilePrefixes: ['us', 'eu', 'jp', 'au', 'global'],
    pricePerMillion: prices(5, 25),
    released: '2026-07-24',
    thinking: THINKS_BY_DEFAULT,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: true,
  },
  {
    // Released 2026-09-01 (bash0816/Magi-Server#16, citing anthropic.com/claude-fable-and-mythos-5-1).
    // $10 / $50, cache read $0.25, writes $12.50 (5 m) / $20 (1 h): AWS's price list as quoted by
    // mayu's "Bedrock coding models" doc (global profile `global.anthropic.claude-fable-5-1`,
    // [card-fable-5-1]) and [skills] ("0.025× on Claude Fable 5.1"). Minimum 512 [skills].
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-fable-5-1',
    name: 'Claude Fable 5.1',
    family: 'fable',
    aliases: ['fable-5.1', 'claude-fable-5-1', 'claude-fable-5.1'],
    profilePrefixes: ['global'],
    pricePerMillion: prices(10, 50, { cacheRead: 0.25 }),
    released: '2026-09-01',
    thinking: ALWAYS_THINKS,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: false,
  },
  {
    // [card-opus-5-5]: launched 2026-09-22, 1M / 128K, "adaptive thinking is always on and cannot
    // be disabled; effort … low, medium, high, xhigh, max; default: medium", Converse supported.
    // Profiles: jp. and global. (classmethod, list-inference-profiles from ap-northeast-1), us.
    // and au. (public configs: `us.anthropic.claude-opus-5-5`, `au.anthropic.claude-opus-5-5`).
    // $4 / $20, cache read $0.20 (0.05×), writes $5 / $8 (mayu doc, AWS price list 2026-09-23).
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-opus-5-5',
    name: 'Claude Opus 5.5',
    family: 'opus',
    aliases: ['opus-5.5', 'claude-opus-5-5', 'claude-opus-5.5'],
    profilePrefixes: ['us', 'jp', 'au', 'global'],
    pricePerMillion: prices(4, 20, { cacheRead: 0.2 }),
    released: '2026-09-22',
    thinking: ALWAYS_THINKS,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: false,
  },
  {
    // Bedrock ids `anthropic.claude-sonnet-5-5` / `us.…` [ai-sdk 4.0.186, 2026-09-28], which also
    // notes it "rejects disabled thinking" and forced tool use; eu. (timurgaleev/memrain v1.0.7),
    // global. (docs.rs speccoder-runtime BEDROCK_MODEL). $2 / $10, adaptive, default effort high
    // [models]. Cache prices verified on [models, sonnet-5-5 overview]: 5 m write $2.50, 1 h
    // write $4, read $0.20 — Anthropic's standard multiples. A public price table that gives a
    // $0.10 read disagrees; the table follows Anthropic's page.
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-sonnet-5-5',
    name: 'Claude Sonnet 5.5',
    family: 'sonnet',
    aliases: ['sonnet-5.5', 'claude-sonnet-5-5', 'claude-sonnet-5.5'],
    profilePrefixes: ['us', 'eu', 'global'],
    pricePerMillion: prices(2, 10),
    released: '2026-09-28',
    thinking: ALWAYS_THINKS,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: false,
  },
  {
    // Released 2026-10-07, 1M / 128K, adaptive thinking with effort (default medium) [models];
    // Bedrock `anthropic.claude-haiku-5-5` / `us.…` [ai-sdk 4.0.192: thinking can be disabled up
    // to `high`; "use the JSON tool fallback for structured output on Amazon Bedrock"], eu.
    // (memrain v1.0.7). Prices by prompt length [models, haiku-5-5]: up to 100,000 tokens $0.10 /
    // $0.50, 5 m write $0.125, 1 h write $0.20, read $0.01; above, $0.50 / $2.50 and the cache
    // prices five times over (the 1 h write by Anthropic's 2× multiple).
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-haiku-5-5',
    name: 'Claude Haiku 5.5',
    family: 'haiku',
    aliases: ['haiku-5.5', 'claude-haiku-5-5', 'claude-haiku-5.5'],
    profilePrefixes: ['us', 'eu'],
    pricePerMillion: prices(0.1, 0.5, { cacheRead: 0.01 }),
    longPromptPricing: { aboveInputTokens: 100_000, pricePerMillion: prices(0.5, 2.5, { cacheRead: 0.05 }) },
    released: '2026-10-07',
    thinking: THINKS_BY_DEFAULT,
    structuredOutput: false,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: true,
  },
  {
    // [card-fable-5-2]: launched 2026-11-09, 1M / 128K, "temperature must be 1.0 or unset; top_p
    // must be 0.99 or unset", adaptive thinking always on, effort low … max (default high),
    // thinking blocks must be replayed unchanged. `us.anthropic.claude-fable-5-2` [ai-sdk 3.0.145:
    // native structured outputs, no forced tool use]. $8 / $40 [models, overview; the Sonnet 5
    // page's lineup table]. No published cache price was found (see the note above): standard
    // multiples, $10 / $16 writes and $0.80 reads, unlike Fable 5.1's 0.025× read.
    ...FIVE_GENERATION,
    baseModelId: 'anthropic.claude-fable-5-2',
    name: 'Claude Fable 5.2',
    family: 'fable',
    aliases: ['fable-5.2', 'claude-fable-5-2', 'claude-fable-5.2'],
    profilePrefixes: ['us'],
    pricePerMillion: prices(8, 40),
    released: '2026-11-09',
    thinking: ALWAYS_THINKS,
    structuredOutput: true,
    promptCache: { minTokens: 512, ttls: BOTH_TTLS },
    forcedToolChoice: false,
  },
];
