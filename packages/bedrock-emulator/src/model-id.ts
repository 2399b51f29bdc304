import { validationError } from './bedrock-errors.js';
import {
  EMULATED_MODELS,
  type EmulatedModel,
  findModel,
  PROFILE_PREFIXES,
  type ProfilePrefix,
  profilePrefixesForRegion,
} from './model-catalogue.js';

/** How the caller named the model. */
export type ModelIdKind = 'foundation-model' | 'inference-profile' | 'application-inference-profile';

export interface ResolvedModelId {
  readonly kind: ModelIdKind;
  readonly model: EmulatedModel;
  /** Geography prefix of a system-defined inference profile (`us`, `global`…). */
  readonly profilePrefix?: ProfilePrefix;
  /** Region named in an ARN. */
  readonly arnRegion?: string;
}

/**
 * Application inference profiles have opaque ids that only the account knows; the emulator maps
 * every one to this model so tests can use any id.
 */
const APPLICATION_PROFILE_MODEL_ID = 'anthropic.claude-haiku-4-5-20251001-v1:0';

const ARN_PATTERN =
  /^arn:aws(?:-us-gov|-cn)?:bedrock:([a-z0-9-]+):(\d{12})?:(foundation-model|inference-profile|application-inference-profile)\/(.+)$/;

/** The message Bedrock gives for any id it cannot resolve. */
export const INVALID_MODEL_MESSAGE = 'The provided model identifier is invalid.';

/**
 * Resolves a decoded model id (bare id, profile id or ARN) against the catalogue.
 * Returns undefined when Bedrock would answer "The provided model identifier is invalid.".
 */
export function resolveModelId(
  modelId: string,
  catalogue: readonly EmulatedModel[] = EMULATED_MODELS,
): ResolvedModelId | undefined {
  const arn = ARN_PATTERN.exec(modelId);
  if (arn) {
    const [, arnRegion, account, resourceType, resourceId] = arn;
    if (arnRegion === undefined || resourceId === undefined) return undefined;
    // Foundation models are AWS-owned, so their ARNs carry no account; profiles always do.
    if ((resourceType === 'foundation-model') !== (account === undefined)) return undefined;
    if (resourceType === 'application-inference-profile') {
      const model = findModel(APPLICATION_PROFILE_MODEL_ID, catalogue);
      return model && /^[a-z0-9]+$/.test(resourceId)
        ? { kind: 'application-inference-profile', model, arnRegion }
        : undefined;
    }
    const resolved = resolveBareOrProfileId(resourceId, catalogue);
    if (resolved === undefined || resolved.kind !== resourceType) return undefined;
    return { ...resolved, arnRegion };
  }
  return resolveBareOrProfileId(modelId, catalogue);
}

function resolveBareOrProfileId(
  modelId: string,
  catalogue: readonly EmulatedModel[],
): ResolvedModelId | undefined {
  const direct = findModel(modelId, catalogue);
  if (direct) return { kind: 'foundation-model', model: direct };
  for (const prefix of PROFILE_PREFIXES) {
    if (!modelId.startsWith(`${prefix}.`)) continue;
    const model = findModel(modelId.slice(prefix.length + 1), catalogue);
    // A geography AWS publishes no profile of this model for: the id names nothing.
    if (model === undefined || !model.profilePrefixes.includes(prefix)) return undefined;
    return { kind: 'inference-profile', model, profilePrefix: prefix };
  }
  return undefined;
}

/** How {@link requireModel} checks an id. */
export interface RequireModelOptions {
  /** Inference (Converse) needs a profile for profile-only models; CountTokens runs no inference. */
  readonly forInference: boolean;
  /** The region the request reached: a system profile must be one callable from it. */
  readonly region: string;
  /** The models this emulator serves; default its built-in catalogue. */
  readonly catalogue?: readonly EmulatedModel[] | undefined;
}

/**
 * The model a request addresses, or the error Bedrock gives for its id: invalid (unknown, or a
 * profile of another geography, such as `eu.` from us-east-1: the region does not list it, so
 * the id means nothing there), or (for inference) a bare id of a model that only runs through an
 * inference profile.
 */
export function requireModel(modelId: string, options: RequireModelOptions): EmulatedModel {
  const resolved = resolveModelId(modelId, options.catalogue);
  if (resolved === undefined) throw validationError(INVALID_MODEL_MESSAGE);
  const { profilePrefix } = resolved;
  if (profilePrefix !== undefined && !profilePrefixesForRegion(options.region).includes(profilePrefix)) {
    throw validationError(INVALID_MODEL_MESSAGE);
  }
  if (
    options.forInference &&
    resolved.kind === 'foundation-model' &&
    resolved.model.requiresInferenceProfile
  ) {
    throw validationError(
      `Invocation of model ID ${resolved.model.modelId} with on-demand throughput isn't supported. ` +
        'Retry your request with the ID or ARN of an inference profile that contains this model.',
    );
  }
  return resolved.model;
}
