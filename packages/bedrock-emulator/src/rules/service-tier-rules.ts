import { validationError } from '../bedrock-errors.js';
import type { ConverseRequest } from '../converse-request.js';
import { constraintErrors, constraintViolation, isRecord, type RequestRule } from './request-rule.js';

const TIERS = ['priority', 'default', 'flex', 'reserved'];
const LATENCIES = ['standard', 'optimized'];

/**
 * `serviceTier.type`, as Bedrock checks it. Wordings as reported: a value outside the enum
 * ("service tier provided is invalid": NousResearch/hermes-agent#34476 for `cheapest`, a Bedrock
 * smart-router report for `standard`), `reserved` without a reservation ("Reservation not
 * found.": hermes-agent#34476, envoyproxy/ai-gateway#1749), a tier the model lacks ("The provided
 * service tier is not supported for this model": the smart-router report, Opus 4.x with
 * `priority`). `default` is accepted for every model (AWS's service-tiers page: the Standard tier).
 */
export const serviceTierRule: RequestRule = (request, model) => {
  const tier = isRecord(request.serviceTier) ? request.serviceTier.type : undefined;
  if (request.serviceTier === undefined || tier === 'default') return null;
  if (typeof tier !== 'string' || !TIERS.includes(tier)) {
    return validationError('service tier provided is invalid');
  }
  // The emulator holds no reservations.
  if (tier === 'reserved') return validationError('Reservation not found.');
  if (model.refusesPaidTiers)
    return validationError('The provided service tier is not supported for this model');
  return null;
};

/**
 * `performanceConfig.latency`: a value outside the enum gets Coral's constraint message (Bedrock
 * "names the latency enum in its error message": hermes-agent#34476 quotes "… must satisfy enum
 * value set: [optimized, standard]"). `optimized` on a model AWS does not serve latency-optimized
 * is refused with a message of ours: no source quotes Bedrock's wording for it.
 */
export const latencyRule: RequestRule = (request, model) => {
  if (request.performanceConfig === undefined) return null;
  const latency = isRecord(request.performanceConfig) ? request.performanceConfig.latency : undefined;
  if (latency === undefined || latency === 'standard') return null;
  if (typeof latency !== 'string' || !LATENCIES.includes(latency)) {
    return constraintErrors([
      constraintViolation(
        String(latency),
        'performanceConfig.latency',
        `Member must satisfy enum value set: [${[...LATENCIES].sort().join(', ')}]`,
      ),
    ]);
  }
  if (!model.latencyOptimized) {
    // Ours (see above): what a client needs to know, in Bedrock's register.
    return validationError('Latency-optimized inference is not supported for this model.');
  }
  return null;
};

/** What the response reports the call was served with: the tier and latency asked for, as Bedrock echoes them. */
export function servedSettings(request: ConverseRequest): Record<string, unknown> {
  const tier = isRecord(request.serviceTier) ? request.serviceTier.type : undefined;
  const latency = isRecord(request.performanceConfig) ? request.performanceConfig.latency : undefined;
  return {
    ...(typeof tier === 'string' ? { serviceTier: { type: tier } } : {}),
    ...(typeof latency === 'string' ? { performanceConfig: { latency } } : {}),
  };
}
