import type { ModelInfo } from '../../models/model-info.js';
import type { RequestFeature } from '../request-feature.js';

/** The sampling settings of a call, and whether the temperature is only the configured default. */
export interface SamplingSettings {
  temperature: number | undefined;
  topP: number | undefined;
  /** True when the temperature came from the config (or `BEDROCK_CHAT_TEMPERATURE`), not the call. */
  temperatureIsDefault: boolean;
}

export interface SamplingDecision {
  temperature: number | undefined;
  topP: number | undefined;
  /** One sentence per setting left out, for the user. */
  warnings: string[];
}

/**
 * Leaves out what the model refuses, so the call is not a certain ValidationException, and says
 * so. With both temperature and topP on a model that takes one of them, the one the caller gave
 * for this call wins over a configured default; when both were given, temperature stays (the
 * setting every app exposes). Unknown models are sent as asked: Bedrock is the judge.
 */
export function dropRefusedSampling(
  settings: SamplingSettings,
  info: ModelInfo | undefined,
): SamplingDecision {
  const { temperature, topP } = settings;
  const sampling = info?.sampling ?? 'any';
  if (sampling === 'no-sampling') {
    const warnings: string[] = [];
    if (temperature !== undefined)
      warnings.push(`${info?.name} does not accept a temperature; it was not sent.`);
    if (topP !== undefined) warnings.push(`${info?.name} does not accept topP; it was not sent.`);
    return { temperature: undefined, topP: undefined, warnings };
  }
  if (sampling === 'temperature-or-top-p' && temperature !== undefined && topP !== undefined) {
    if (settings.temperatureIsDefault) {
      return {
        temperature: undefined,
        topP,
        warnings: [
          `${info?.name} does not accept temperature and topP together; the configured temperature (${temperature}) was not sent.`,
        ],
      };
    }
    return {
      temperature,
      topP: undefined,
      warnings: [`${info?.name} does not accept temperature and topP together; topP (${topP}) was not sent.`],
    };
  }
  return { temperature, topP, warnings: [] };
}

/** temperature and topP, less what the model refuses (see {@link dropRefusedSampling}). */
export const samplingFeature: RequestFeature = {
  name: 'sampling',
  applies: (request) => request.temperature !== undefined || request.topP !== undefined,
  request(draft, { request, model }) {
    const { temperature, topP, warnings } = dropRefusedSampling(
      {
        temperature: request.temperature,
        topP: request.topP,
        temperatureIsDefault: request.temperatureIsDefault,
      },
      model.info,
    );
    const inferenceConfig = {
      ...draft.inferenceConfig,
      ...(temperature === undefined ? {} : { temperature }),
      ...(topP === undefined ? {} : { topP }),
    };
    return { draft: { ...draft, inferenceConfig }, warnings };
  },
};
