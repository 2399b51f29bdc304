import { isUnknownModel, type ResolvedModel } from '@bedrock-chat/core';

/** What `doctor` shows for the model, and what `-m`, `/model` and `config set model` warn with. */
export interface ModelCheck {
  status: 'ok' | 'warn' | 'fail';
  summary: string;
  /** What to do when the check did not pass. */
  fix?: string | undefined;
  /** The error code the call would fail with. */
  code?: string | undefined;
}

/**
 * Judges how a model name resolved in a region: ok when the built-in table knows it (or an ARN
 * names it), fail when no inference profile of it serves the region, a warning when the table
 * does not know it (a typo, or a model newer than this release): then Bedrock decides. With
 * Bedrock's cached model list, a model the table lacks but Bedrock serves is said to work with its
 * cost unknown, and one the list lacks is said to be likely to fail.
 */
export function checkModel(model: ResolvedModel, region: string): ModelCheck {
  if (model.unavailable !== undefined) {
    return {
      status: 'fail',
      summary: `${model.requested}: no inference profile of ${model.info?.name ?? model.modelId} is published for ${region}`,
      fix: 'Choose another region or model; run `bedrock-chat models` to see what this region offers.',
      code: 'MODEL_NOT_IN_REGION',
    };
  }
  if (isUnknownModel(model) && model.served === true) {
    return {
      status: 'warn',
      summary: `${model.modelId} is not in the built-in table (newer than this release); Bedrock serves it in ${region}, with its cost unknown`,
    };
  }
  if (isUnknownModel(model)) {
    return {
      status: 'warn',
      summary: `${model.modelId} is not in the built-in table: Bedrock decides whether it works`,
      fix: 'Use an alias (sonnet, haiku, opus) or an inference profile id from `bedrock-chat models`.',
    };
  }
  if (model.served === false && model.kind !== 'arn') {
    return {
      status: 'warn',
      summary: `${model.modelId} is not in Bedrock's model list for ${region}: the call may fail`,
      fix: 'Run `bedrock-chat models` to see what this region offers (it also refreshes the list).',
    };
  }
  return {
    status: 'ok',
    summary: model.note ?? `${model.modelId}${model.info ? ` (${model.info.name})` : ''}`,
  };
}

/** The check as stderr lines (`warning:` and `hint:`), or '' when it passed. */
export function formatModelWarning(check: ModelCheck): string {
  if (check.status === 'ok') return '';
  return `warning: model ${check.summary}.\n${check.fix ? `hint: ${check.fix}\n` : ''}`;
}
