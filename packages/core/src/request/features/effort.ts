import { BedrockChatError } from '../../errors/bedrock-chat-error.js';
import type { EffortLevel } from '../../models/model-info.js';
import type { RequestFeature } from '../request-feature.js';
import { thinksOnCall } from './thinking.js';

/**
 * Effort levels above `high` need thinking: "When extended thinking is disabled, the effort level
 * is capped at high" (@aws-sdk/client-bedrock-runtime@3.1164 `OutputConfig.effort`); the model
 * answers "output_config.effort 'xhigh' is not supported when thinking is disabled on this
 * model" (anthropics/claude-code#90721).
 */
export const EFFORT_NEEDING_THINKING: readonly EffortLevel[] = ['xhigh', 'max'];

function refuse(message: string, hint: string, code: 'INVALID_INPUT' | 'UNSUPPORTED_BY_MODEL'): never {
  throw new BedrockChatError({ code, message, hint, details: { option: 'effort' } });
}

/**
 * `effort` as Converse's `outputConfig.effort`, checked against the levels the catalogue lists for
 * the model (a model without effort: "output_config.effort: Extra inputs are not permitted",
 * anthropics/claude-code-action#1005; a level it lacks: "Input should be 'low', 'medium' or
 * 'high'", coder/coder#25356). Unknown models are sent as asked. Runs after thinking, whose
 * decision it reads.
 */
export const effortFeature: RequestFeature = {
  name: 'effort',
  applies: (request) => request.effort !== undefined,
  request(draft, { request, model }) {
    const effort = request.effort as EffortLevel;
    const info = model.info;
    if (info && info.effortLevels.length === 0) {
      refuse(
        `${info.name} takes no effort setting.`,
        'Leave effort out for this model, or choose one that has it (run `bedrock-chat models`).',
        'UNSUPPORTED_BY_MODEL',
      );
    }
    if (info && !info.effortLevels.includes(effort)) {
      refuse(
        `${info.name} takes effort ${info.effortLevels.join(', ')}, not ${effort}.`,
        `Use one of: ${info.effortLevels.join(', ')}.`,
        'UNSUPPORTED_BY_MODEL',
      );
    }
    if (info && EFFORT_NEEDING_THINKING.includes(effort) && !thinksOnCall(request, model)) {
      refuse(
        `effort ${effort} needs thinking: without it ${info.name} goes no higher than high.`,
        'Turn thinking on for this call (thinking: true, --think), or use effort high or below.',
        'INVALID_INPUT',
      );
    }
    return { draft: { ...draft, effort } };
  },
};
