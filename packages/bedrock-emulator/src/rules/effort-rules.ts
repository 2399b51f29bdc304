import { isRecord, modelError, type RequestRule } from './request-rule.js';
import { thinksOn } from './thinking-rules.js';

const NEEDS_THINKING = ['xhigh', 'max'];

/** `'low', 'medium' or 'high'`, as pydantic lists the values it accepts. */
function listed(levels: readonly string[]): string {
  const quoted = levels.map((level) => `'${level}'`);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * `outputConfig.effort`, as the model checks it. Wordings as reported: a model without effort
 * ("output_config.effort: Extra inputs are not permitted", anthropics/claude-code-action#1005), a
 * level it lacks ("output_config.effort: Input should be 'low', 'medium' or 'high'",
 * coder/coder#25356), xhigh or max without thinking ("output_config.effort 'xhigh' is not
 * supported when thinking is disabled on this model. Use effort 'high' or below, or enable
 * thinking.", anthropics/claude-code#90721; the SDK documents the cap at high).
 */
export const effortRules: RequestRule = (request, model) => {
  const config = request.outputConfig;
  const effort = isRecord(config) ? config.effort : undefined;
  if (effort === undefined) return null;
  if (model.effortLevels.length === 0)
    return modelError('output_config.effort: Extra inputs are not permitted');
  if (typeof effort !== 'string' || !model.effortLevels.includes(effort as never)) {
    return modelError(`output_config.effort: Input should be ${listed(model.effortLevels)}`);
  }
  if (NEEDS_THINKING.includes(effort) && !thinksOn(request, model)) {
    return modelError(
      `output_config.effort '${effort}' is not supported when thinking is disabled on this model. ` +
        "Use effort 'high' or below, or enable thinking.",
    );
  }
  return null;
};
