import type { ChatResult, ReportSource } from '../../client/chat-types.js';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { ServedPricing } from '../../models/estimate-cost.js';
import type { ResolvedModel } from '../../models/resolve-model.js';
import type { ServedSettings } from '../../transport/converse/served-settings.js';
import type { ChatRequest, RequestDraft } from '../chat-request.js';
import type { FeatureOutput, RequestFeature } from '../request-feature.js';

function modelName(model: ResolvedModel): string {
  return model.info?.name ?? model.modelId;
}

function refuse(option: 'serviceTier' | 'latency', message: string, hint: string): never {
  throw new BedrockChatError({ code: 'UNSUPPORTED_BY_MODEL', message, hint, details: { option } });
}

/**
 * `default` sends nothing: Bedrock routes a request without `serviceTier` to the Standard tier
 * (models/service-tiers.ts [tiers]), and a field that is not sent cannot be refused ([router]:
 * Opus 4.x refuses tiers it lacks). `priority` and `flex` are refused before the call where the
 * catalogue records that Bedrock refuses them; on a catalogued model with no record either way
 * they are sent with a warning (Bedrock's refusal costs nothing); an unknown model gets them as
 * asked.
 */
function withTier(draft: RequestDraft, model: ResolvedModel, tier: string | undefined): FeatureOutput {
  if (tier === undefined || tier === 'default') return { draft };
  const paid = tier as NonNullable<RequestDraft['serviceTier']>;
  const info = model.info;
  const known = info?.serviceTiers;
  if (known && !known.includes(paid)) {
    refuse(
      'serviceTier',
      `${modelName(model)} is not served on Bedrock's ${paid} tier.`,
      'Leave the tier out (or use default), or choose a model that has it.',
    );
  }
  const warnings =
    info && known === undefined
      ? [
          `AWS lists no ${paid} tier for ${info.name}; Bedrock refuses the call if the model lacks it (nothing is billed then).`,
        ]
      : [];
  return { draft: { ...draft, serviceTier: paid }, warnings };
}

/** `standard` sends nothing (it is Bedrock's default); `optimized` needs a model AWS serves so. */
function withLatency(draft: RequestDraft, model: ResolvedModel, latency: string | undefined): RequestDraft {
  if (latency !== 'optimized') return draft;
  if (model.info && !model.info.latencyOptimized) {
    refuse(
      'latency',
      `${modelName(model)} has no latency-optimized inference on Bedrock.`,
      'Leave latency out (or use standard); AWS serves latency-optimized Claude only for Claude 3.5 Haiku, through its us. profile.',
    );
  }
  return { ...draft, latency: 'optimized' };
}

/** Converse's `serviceTier` and `performanceConfig.latency`, checked per model before the call. */
export const serviceTierFeature: RequestFeature = {
  name: 'service-tier',
  applies: (request) => request.serviceTier !== undefined || request.latency !== undefined,
  request(draft, { request, model }) {
    const tiered = withTier(draft, model, request.serviceTier);
    return { draft: withLatency(tiered.draft, model, request.latency), warnings: tiered.warnings };
  },
};

/** What `result.serviceTier` / `result.latency` say, and what the call is priced at. */
export type ServedReport = Pick<ChatResult, 'serviceTier' | 'latency'>;

/**
 * The response half: the tier and latency Bedrock reports it served the call with (it may serve
 * a latency-optimized request at standard latency once the quota is used, and bills it so:
 * models/service-tiers.ts [latency]), else what the call asked for, marked `requested`. Absent
 * when neither names one.
 */
export function servedReport(request: ChatRequest, served: ServedSettings | undefined): ServedReport {
  const tier = served?.serviceTier ?? request.serviceTier;
  const latency = served?.latency ?? request.latency;
  const source = (reported: unknown): ReportSource => (reported === undefined ? 'requested' : 'bedrock');
  return {
    ...(tier === undefined ? {} : { serviceTier: { tier, source: source(served?.serviceTier) } }),
    ...(latency === undefined ? {} : { latency: { mode: latency, source: source(served?.latency) } }),
  };
}

/** The pricing of a report: the tier and latency the cost estimate uses. */
export function servedPricing(report: ServedReport): ServedPricing {
  return { serviceTier: report.serviceTier?.tier, latency: report.latency?.mode };
}
