import type { ConverseRequest } from '../converse-request.js';
import type { EmulatedModel } from '../model-catalogue.js';
import { isRecord, modelError, type RequestRule } from './request-rule.js';

/** `additionalModelRequestFields.thinking` when it is an object. */
export function thinkingField(request: ConverseRequest): Record<string, unknown> | undefined {
  const fields = request.additionalModelRequestFields;
  const thinking = isRecord(fields) ? fields.thinking : undefined;
  return isRecord(thinking) ? thinking : undefined;
}

/** Whether the request thinks: asked for (`enabled`, `adaptive`), or by default on the model. */
export function thinksOn(request: ConverseRequest, model: EmulatedModel): boolean {
  const type = thinkingField(request)?.type;
  if (type === 'enabled' || type === 'adaptive') return true;
  if (model.thinking === 'adaptive-always') return true;
  return model.thinking === 'adaptive-default' && type !== 'disabled';
}

/** Anthropic's minimum thinking budget. */
export const MIN_THINKING_BUDGET = 1_024;

/**
 * Extended thinking (`additionalModelRequestFields.thinking`), in the order the model checks it.
 * Wordings as Bedrock returned them: a model without thinking (github.com/langchain-ai/langchainjs/pull/8338),
 * Opus 4.7 and `enabled` (Kilo-Org/kilocode/issues/10732), the budget (danny-avila/LibreChat/issues/8346),
 * `max_tokens` (maximhq/bifrost/pull/3498), temperature (Aider-AI/aider/issues/3720).
 */
export const thinkingRules: RequestRule = (request, model) => {
  const fields = request.additionalModelRequestFields;
  const thinking = isRecord(fields) ? fields.thinking : undefined;
  if (thinking === undefined) return null;
  if (model.thinking === 'none') return modelError('thinking: Extra inputs are not permitted');
  // Models that always think refuse turning it off (cline/cline#13203, Fable 5).
  if (isRecord(thinking) && thinking.type === 'disabled' && model.thinking === 'adaptive-always') {
    return modelError('"thinking.type.disabled" is not supported for this model.');
  }
  if (!isRecord(thinking) || thinking.type !== 'enabled') return null;
  if (model.thinking !== 'budget') {
    return modelError(
      '"thinking.type.enabled" is not supported for this model. ' +
        'Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
    );
  }
  const budget = thinking.budget_tokens;
  if (budget === undefined) return modelError('thinking.enabled.budget_tokens: Field required');
  if (typeof budget !== 'number' || !Number.isInteger(budget)) {
    return modelError('thinking.enabled.budget_tokens: Input should be a valid integer');
  }
  if (budget < MIN_THINKING_BUDGET) {
    return modelError(
      `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`,
    );
  }
  // Without maxTokens, Bedrock lets the model produce up to its limit.
  const maxTokens = request.inferenceConfig?.maxTokens ?? model.maxOutputTokens;
  if (maxTokens <= budget) {
    return modelError(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at ' +
        'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  }
  const temperature = request.inferenceConfig?.temperature;
  if (temperature !== undefined && temperature !== 1) {
    return modelError('temperature may only be set to 1 when thinking is enabled.');
  }
  return null;
};
