/**
 * The emulator's own model catalogue. It is deliberately independent of @bedrock-chat/core so the
 * emulator stays a stand-in for the service, not a mirror of the client's assumptions.
 */
export interface EmulatedModel {
  /** Base foundation-model id, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  readonly modelId: string;
  readonly modelName: string;
  readonly providerName: string;
  /** Largest `inferenceConfig.maxTokens` the model accepts. */
  readonly maxOutputTokens: number;
  /**
   * Bedrock refuses bare ids of these models ("on-demand throughput isn't supported"): they must
   * be called through an inference profile. Claude 3.5 Haiku is on-demand in some regions, but the
   * emulator treats it as profile-only because that is how the course calls it.
   */
  readonly requiresInferenceProfile: boolean;
  /** Whether a cross-region `global.` profile exists; only the newer models have one. */
  readonly hasGlobalProfile: boolean;
}

export const EMULATED_MODELS: readonly EmulatedModel[] = [
  claude('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 8_192, false),
  claude('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet', 64_000, false),
  claude('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4', 64_000, true),
  claude('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 64_000, true),
  claude('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', 64_000, true),
  claude('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', 32_000, false),
  claude('anthropic.claude-opus-4-5-20251101-v1:0', 'Claude Opus 4.5', 64_000, true),
];

function claude(
  modelId: string,
  modelName: string,
  maxOutputTokens: number,
  hasGlobalProfile: boolean,
): EmulatedModel {
  return {
    modelId,
    modelName,
    providerName: 'Anthropic',
    maxOutputTokens,
    requiresInferenceProfile: true,
    hasGlobalProfile,
  };
}

/** Geography prefixes of system-defined inference profiles, longest first so `us-gov.` wins over `us.`. */
export const PROFILE_PREFIXES = ['us-gov', 'global', 'apac', 'us', 'eu', 'jp', 'au'] as const;
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number];

/** Looks a base model id up in the catalogue. */
export function findModel(modelId: string): EmulatedModel | undefined {
  return EMULATED_MODELS.find((model) => model.modelId === modelId);
}

/**
 * The geographic profile prefix that serves a region, as Bedrock lists them in
 * ListInferenceProfiles (us-east-1 → `us`, eu-west-1 → `eu`, ap-northeast-1 → `apac`…).
 */
export function geographyOfRegion(region: string): ProfilePrefix | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-') || region.startsWith('ca-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

/** Profile prefixes callable from a region: its geography plus `global.` (not in GovCloud). */
export function profilePrefixesForRegion(region: string): ProfilePrefix[] {
  const geography = geographyOfRegion(region);
  if (geography === 'us-gov') return ['us-gov'];
  return geography === undefined ? ['global'] : [geography, 'global'];
}
