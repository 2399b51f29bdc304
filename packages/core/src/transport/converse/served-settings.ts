import type { PerformanceConfiguration, ServiceTier } from '@aws-sdk/client-bedrock-runtime';
import type { LatencyMode, ServedServiceTier } from '../../models/model-info.js';

/** The service tier and latency Bedrock says it served a call with. */
export interface ServedSettings {
  serviceTier?: ServedServiceTier | undefined;
  latency?: LatencyMode | undefined;
}

const SERVED_TIERS: readonly string[] = ['priority', 'default', 'flex', 'reserved'];
const LATENCIES: readonly string[] = ['standard', 'optimized'];

/**
 * `serviceTier` / `performanceConfig` of a ConverseResponse or of the stream's `metadata` event
 * (@aws-sdk/client-bedrock-runtime@3.1164.0: "the processing tier configuration used for
 * serving the request"). A value this version does not know is left out rather than guessed.
 */
export function servedSettingsFromSdk(
  serviceTier: ServiceTier | undefined,
  performanceConfig: PerformanceConfiguration | undefined,
): ServedSettings {
  const tier = serviceTier?.type;
  const latency = performanceConfig?.latency;
  return {
    ...(tier !== undefined && SERVED_TIERS.includes(tier) ? { serviceTier: tier as ServedServiceTier } : {}),
    ...(latency !== undefined && LATENCIES.includes(latency) ? { latency: latency as LatencyMode } : {}),
  };
}
