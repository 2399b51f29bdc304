import type { ResolvedModel } from '../models/resolve-model.js';
import type { ChatRequest, RequestDraft } from './chat-request.js';
import { cachePointsFeature } from './features/cache-points.js';
import { citationsFeature } from './features/citations.js';
import { effortFeature } from './features/effort.js';
import { maxTokensFeature } from './features/max-tokens.js';
import { outputFeature } from './features/output.js';
import { rawModelFieldsFeature } from './features/raw-model-fields.js';
import { samplingFeature } from './features/sampling.js';
import { serviceTierFeature } from './features/service-tier.js';
import { stopSequencesFeature } from './features/stop-sequences.js';
import { systemPromptFeature } from './features/system-prompt.js';
import { thinkingFeature } from './features/thinking.js';
import { toolHistoryAsTextFeature } from './features/tool-history-as-text.js';
import { toolsFeature } from './features/tools.js';
import type { RequestFeature } from './request-feature.js';

/**
 * The features in the order they run. Fixed and named: our feature set is closed, so there are
 * no priorities or relative insertion. A later feature sees (and may override) what an earlier
 * one set; the raw passthrough is always last.
 */
export const REQUEST_FEATURES: readonly RequestFeature[] = [
  maxTokensFeature,
  samplingFeature,
  systemPromptFeature,
  stopSequencesFeature,
  citationsFeature,
  // thinking: after sampling and max tokens (it raises maxTokens and drops temperature/topP).
  thinkingFeature,
  effortFeature,
  // Structured output, or its forced-tool fallback (after thinking, which it may turn off).
  outputFeature,
  toolsFeature,
  toolHistoryAsTextFeature,
  // Service tier and latency: independent of the rest, checked per model.
  serviceTierFeature,
  // Cache points: after everything that shapes the prefix (system, trimmed messages, tools).
  cachePointsFeature,
  rawModelFieldsFeature,
];

/** What {@link buildRequest} returns. */
export interface BuiltRequest {
  draft: RequestDraft;
  /** One sentence per setting left out or overridden; empty when everything asked for was sent. */
  warnings: string[];
  /** The names of the features that applied, in order. */
  applied: string[];
}

/** Runs the request through the features that apply. Pure. */
export function buildRequest(
  request: ChatRequest,
  model: ResolvedModel,
  features: readonly RequestFeature[] = REQUEST_FEATURES,
): BuiltRequest {
  let draft: RequestDraft = { modelId: model.modelId, messages: request.messages, inferenceConfig: {} };
  const warnings: string[] = [];
  const applied: string[] = [];
  const context = { request, model };
  for (const feature of features) {
    if (!feature.applies(request, model)) continue;
    const output = feature.request(draft, context);
    draft = output.draft;
    applied.push(feature.name);
    if (output.warnings) warnings.push(...output.warnings);
  }
  return { draft, warnings, applied };
}
