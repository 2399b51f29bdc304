import type { PaidServiceTier } from './model-info.js';

/*
 * Service tiers and latency-optimized inference for Claude on Bedrock (checked 2026-12-01).
 * Sources, cited below by their tag:
 * [tiers]    docs.aws.amazon.com/bedrock/latest/userguide/service-tiers-inference.html (as fetched
 *            2026-02-15): `"service_tier" : "reserved | priority | default | flex"`; "By default
 *            all inference requests are routed to the Standard tier when the "service_tier"
 *            parameter is missing"; "The service tier configuration for a served request is
 *            visible in API response" (ResolvedServiceTier: "the actual tier that served your
 *            requests"). Its Priority/Flex table lists OpenAI, Qwen, DeepSeek, Amazon, Google,
 *            Mistral, Minimax, Kimi and NVIDIA models and no Claude model; Claude (Sonnet 4.5, Opus
 *            4.5, Haiku 4.5, Opus 4.6) appears only under Reserved.
 * [sdk]      @aws-sdk/client-bedrock-runtime@3.1164.0: `ConverseRequest.serviceTier {type:
 *            "priority"|"default"|"flex"|"reserved"}`, `performanceConfig {latency: "standard"|
 *            "optimized"}`; `ConverseResponse` and the stream's `ConverseStreamMetadataEvent` both
 *            carry `serviceTier` and `performanceConfig` ("the processing tier configuration used
 *            for serving the request").
 * [router]   a Bedrock smart-router changes report (May 2026, public repository): Opus 4.1, 4.5,
 *            4.6 and 4.7 on Bedrock answer `serviceTier: "priority"` with "The provided service
 *            tier is not supported for this model".
 * [clients]  Claude Code 2.1.122 (ANTHROPIC_BEDROCK_SERVICE_TIER, April 2026), Portkey's Bedrock
 *            docs (May 2026) and strands-agents (PR #1799: "If a model or region does not support
 *            the specified service tier, Bedrock returns a ValidationException") pass a tier for
 *            Claude on Bedrock and leave availability to the model and region.
 * [latency]  docs.aws.amazon.com/bedrock/latest/userguide/latency-optimized-inference.html:
 *            "available for … Anthropic's Claude 3.5 Haiku in the US East (Ohio) and US West
 *            (Oregon) Regions via cross-Region inference"; a request over the optimized quota "will
 *            be charged at Standard latency rates", and the response says which it got. No other
 *            Claude model is listed.
 *
 * So: the sources disagree on whether any Claude model takes priority or flex ([tiers] lists
 * none, [clients] send them). The catalogue records a refusal only where one was observed
 * ([router]: the Opus 4.x models, `serviceTiers: []`); elsewhere it records nothing, the tier
 * is sent with a warning, and Bedrock's own refusal is free (a 400 before any billing). The tier
 * Bedrock reports in the response is what the result shows and what the cost is priced at.
 */

/**
 * Price of a paid tier as a multiple of the model's standard (`default`) on-demand price. Bedrock
 * prices Priority at a premium and Flex at a discount ([tiers]: "price premium", "pricing
 * discount"); for the models AWS prices both, Flex is half the standard price and Priority 75%
 * above it (startdebugging.net on Claude Code 2.1.122, quoting the service-tiers page: "Flex is a
 * 50 percent discount … Priority is a 75 percent premium"). One public sample says Priority is
 * "~25% more" (aws-solutions-library-samples, GenAI IDP service-tiers doc): where the sources
 * disagree the estimate takes the higher price, so a cost limit is never under-run. No Claude
 * model has a published Priority or Flex price; these multiples are the estimate for all.
 */
export const SERVICE_TIER_PRICE_MULTIPLIER: Readonly<Record<PaidServiceTier, number>> = {
  priority: 1.75,
  flex: 0.5,
};

/** [router]: Bedrock refuses every tier but `default` for these models. */
export const NO_PAID_TIERS: readonly PaidServiceTier[] = [];
