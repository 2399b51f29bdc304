import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { ResolvedModel } from '../../models/resolve-model.js';
import type { ChatRequest, RequestDraft } from '../chat-request.js';
import type { RequestFeature } from '../request-feature.js';

/**
 * The thinking budget limits of Anthropic's extended-thinking docs
 * (platform.claude.com/docs/en/build-with-claude/extended-thinking): `budget_tokens` at least
 * 1,024 and below `max_tokens`; Bedrock passes the model's refusal on ("thinking.enabled.
 * budget_tokens: Input should be greater than or equal to 1024", LibreChat#8346).
 */
export const MIN_THINKING_BUDGET = 1_024;

/** `maxTokens` when the caller and the config give none and the call thinks (the 5 models' default). */
export const THINKING_MAX_TOKENS = 16_000;

/** Room left for the answer above an explicit budget when maxTokens is raised to fit it. */
const ANSWER_ROOM = 4_096;

/**
 * Whether the call will think: asked for (`thinking: true` or a budget), or not turned off on a
 * model that thinks by default (`default: 'on' | 'always'` in the catalogue).
 */
export function thinksOnCall(request: Pick<ChatRequest, 'thinking'>, model: ResolvedModel): boolean {
  if (request.thinking === false) return model.info?.thinking?.default === 'always';
  if (request.thinking !== undefined) return true;
  const fallback = model.info?.thinking?.default;
  return fallback === 'on' || fallback === 'always';
}

function modelName(model: ResolvedModel): string {
  return model.info?.name ?? model.modelId;
}

function refuse(message: string, hint: string, code: 'INVALID_INPUT' | 'UNSUPPORTED_BY_MODEL'): never {
  throw new BedrockChatError({ code, message, hint, details: { option: 'thinking' } });
}

/** `thinking: false`: `{type: "disabled"}` where thinking is on by default; nothing where it is off. */
function turnedOff(draft: RequestDraft, model: ResolvedModel): RequestDraft {
  const support = model.info?.thinking;
  if (support?.default === 'always') {
    // Bedrock: "\"thinking.type.disabled\" is not supported for this model." (cline/cline#13203).
    refuse(
      `${modelName(model)} always thinks: thinking cannot be turned off.`,
      'Leave thinking on for this model (use effort: "low" for less of it), or choose a model that can answer without thinking.',
      'UNSUPPORTED_BY_MODEL',
    );
  }
  if (support?.default !== 'on') return draft;
  return { ...draft, modelFields: { ...draft.modelFields, thinking: { type: 'disabled' } } };
}

/** maxTokens as the caller or config set it, else raised to leave room for thinking. */
function maxTokensFor(
  request: ChatRequest,
  draft: RequestDraft,
  model: ResolvedModel,
  budget?: number,
): number {
  const current = draft.inferenceConfig.maxTokens ?? THINKING_MAX_TOKENS;
  if (request.maxTokens !== undefined) return current;
  const wanted = Math.max(current, THINKING_MAX_TOKENS, budget === undefined ? 0 : budget + ANSWER_ROOM);
  return Math.min(wanted, model.info?.maxOutputTokens ?? wanted);
}

function budgetTokens(request: ChatRequest, maxTokens: number, model: ResolvedModel): number {
  const asked = typeof request.thinking === 'object' ? request.thinking.budgetTokens : undefined;
  // `thinking: true` on a model that takes only a budget: half the output for thinking.
  const budget = asked ?? Math.max(MIN_THINKING_BUDGET, Math.floor(maxTokens / 2));
  if (!Number.isInteger(budget) || budget < MIN_THINKING_BUDGET) {
    refuse(
      `thinking.budgetTokens must be a whole number of at least ${MIN_THINKING_BUDGET} (got ${budget}).`,
      `Use a budget of ${MIN_THINKING_BUDGET} tokens or more, below maxTokens.`,
      'INVALID_INPUT',
    );
  }
  if (budget >= maxTokens) {
    const limit = model.info?.maxOutputTokens;
    refuse(
      `thinking.budgetTokens (${budget}) must be less than maxTokens (${maxTokens}): the answer is written from what is left.`,
      request.maxTokens === undefined && limit !== undefined
        ? `${modelName(model)} produces at most ${limit} tokens: use a budget below that.`
        : `Raise maxTokens above ${budget}, or lower the budget.`,
      'INVALID_INPUT',
    );
  }
  return budget;
}

/**
 * Temperature with thinking: only 1 (or none) is accepted ("temperature may only be set to 1
 * when thinking is enabled", Aider-AI/aider#3720). A configured default yields with a warning; a
 * temperature this call asked for is refused, since the call could not be what was asked.
 */
function withoutTemperature(
  draft: RequestDraft,
  request: ChatRequest,
  model: ResolvedModel,
): { draft: RequestDraft; warnings: string[] } {
  const { temperature, ...rest } = draft.inferenceConfig;
  if (temperature === undefined || temperature === 1) return { draft, warnings: [] };
  if (!request.temperatureIsDefault) {
    refuse(
      `temperature ${temperature} cannot be combined with thinking: ${modelName(model)} takes only temperature 1 (or none) while it thinks.`,
      'Leave temperature out (or set it to 1), or turn thinking off for this call.',
      'INVALID_INPUT',
    );
  }
  return {
    draft: { ...draft, inferenceConfig: rest },
    warnings: [
      `Thinking takes no temperature but 1; the configured temperature (${temperature}) was not sent.`,
    ],
  };
}

/**
 * `thinking: true | { budgetTokens } | false` as `additionalModelRequestFields.thinking`:
 * adaptive where the model has it (`{type: "adaptive", display: "summarized"}`: since Opus 4.7 the
 * reasoning text is omitted unless asked for, anthropics/claude-code#49268, docker/docker-agent#3415),
 * else a budget (`{type: "enabled", budget_tokens}`). An explicit budget needs a model that takes
 * one. maxTokens is raised to 16,000 (and above the budget) when neither the call nor the config
 * set it. Runs after sampling and max tokens: it may drop the temperature they set.
 */
export const thinkingFeature: RequestFeature = {
  name: 'thinking',
  applies: (request) => request.thinking !== undefined,
  request(draft, { request, model }) {
    if (request.thinking === false) return { draft: turnedOff(draft, model) };
    const support = model.info?.thinking;
    if (model.info && !support) {
      refuse(
        `${modelName(model)} has no extended thinking.`,
        'Choose a model that thinks (run `bedrock-chat models`), or leave thinking out.',
        'UNSUPPORTED_BY_MODEL',
      );
    }
    const budgetAsked = typeof request.thinking === 'object';
    if (budgetAsked && support && !support.budget) {
      refuse(
        `${modelName(model)} thinks adaptively only: it takes no thinking budget.`,
        'Use thinking: true and control how much it thinks with effort (low … max).',
        'UNSUPPORTED_BY_MODEL',
      );
    }
    // Unknown models get a budget when one was given, else adaptive (the current way): Bedrock judges.
    const adaptive = !budgetAsked && (support === undefined || support.adaptive);
    const explicitBudget = typeof request.thinking === 'object' ? request.thinking.budgetTokens : undefined;
    const maxTokens = maxTokensFor(request, draft, model, explicitBudget);
    const thinking = adaptive
      ? { type: 'adaptive', display: 'summarized' }
      : { type: 'enabled', budget_tokens: budgetTokens(request, maxTokens, model) };
    const sampled = withoutTemperature(draft, request, model);
    return {
      draft: {
        ...sampled.draft,
        inferenceConfig: { ...sampled.draft.inferenceConfig, maxTokens },
        modelFields: { ...sampled.draft.modelFields, thinking },
      },
      warnings: sampled.warnings,
    };
  },
};
