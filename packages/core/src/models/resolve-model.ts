import { FAMILY_ALIASES, findModelByBaseId, MODEL_CATALOG } from './model-catalog.js';
import { GEOGRAPHY_PREFIXES, type GeographyPrefix, type ModelInfo } from './model-info.js';

export type ModelIdKind = 'alias' | 'inference-profile' | 'foundation-model' | 'arn' | 'unknown';

export interface ResolvedModel {
  /** What the caller asked for. */
  requested: string;
  /** The id sent to Bedrock. */
  modelId: string;
  kind: ModelIdKind;
  /** The catalogue entry, when the model is known. */
  info: ModelInfo | undefined;
  /** The geography prefix of the profile, when `modelId` is a system inference profile. */
  prefix: GeographyPrefix | undefined;
  /** Set when the id was rewritten, to tell the user what was chosen and why. */
  note: string | undefined;
  /** Set when a known model has no inference profile that serves this region: why, for the user. */
  unavailable?: string | undefined;
}

const aliasToBaseId = new Map<string, string>([
  ...Object.entries(FAMILY_ALIASES),
  ...MODEL_CATALOG.flatMap((model) =>
    model.aliases.map((alias): [string, string] => [alias, model.baseModelId]),
  ),
]);

/** Geography prefixes that fit a region, best first. `global.` is the fallback for every region. */
export function geographyPrefixesForRegion(region: string): GeographyPrefix[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-')) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['jp', 'apac'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  return [];
}

/** The inference profile id of a known model for a region, or undefined when none is published. */
export function inferenceProfileFor(
  info: ModelInfo,
  region: string,
): { id: string; prefix: GeographyPrefix } | undefined {
  const candidates: GeographyPrefix[] = [...geographyPrefixesForRegion(region), 'global'];
  const prefix = candidates.find((candidate) => info.profilePrefixes.includes(candidate));
  return prefix ? { id: `${prefix}.${info.baseModelId}`, prefix } : undefined;
}

function splitProfileId(modelId: string): { prefix: GeographyPrefix; baseModelId: string } | undefined {
  const dot = modelId.indexOf('.');
  if (dot <= 0) return undefined;
  const head = modelId.slice(0, dot);
  const prefix = GEOGRAPHY_PREFIXES.find((candidate) => candidate === head);
  return prefix ? { prefix, baseModelId: modelId.slice(dot + 1) } : undefined;
}

function baseIdOfArn(arn: string): string | undefined {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  if (slash < 0) return undefined;
  const id = resource.slice(slash + 1);
  return splitProfileId(id)?.baseModelId ?? id;
}

/**
 * Whether the built-in table does not know the model (a typo, or a model newer than this release):
 * then Bedrock decides. An ARN is never judged. The one rule behind the CLI's model warnings and
 * the MCP server's allowlist check.
 */
export function isUnknownModel(model: ResolvedModel): boolean {
  return model.info === undefined && model.kind !== 'arn';
}

/**
 * Turns what a user typed into the id Bedrock accepts:
 * - aliases (`sonnet`, `haiku-4.5` …) → the inference profile for the region;
 * - a bare foundation-model id that Bedrock only serves through a profile → that profile;
 * - inference profile ids and ARNs → untouched.
 */
export function resolveModel(requested: string, region: string): ResolvedModel {
  const input = requested.trim();
  if (input.startsWith('arn:')) {
    const baseId = baseIdOfArn(input);
    return {
      requested,
      modelId: input,
      kind: 'arn',
      info: baseId ? findModelByBaseId(baseId) : undefined,
      prefix: undefined,
      note: undefined,
    };
  }
  const profile = splitProfileId(input);
  if (profile) {
    return {
      requested,
      modelId: input,
      kind: 'inference-profile',
      info: findModelByBaseId(profile.baseModelId),
      prefix: profile.prefix,
      note: undefined,
    };
  }
  const aliasTarget = aliasToBaseId.get(input.toLowerCase());
  const info = findModelByBaseId(aliasTarget ?? input);
  if (!info) {
    return {
      requested,
      modelId: input,
      kind: 'unknown',
      info: undefined,
      prefix: undefined,
      note: undefined,
    };
  }
  const kind: ModelIdKind = aliasTarget ? 'alias' : 'foundation-model';
  if (!info.requiresInferenceProfile) {
    return { requested, modelId: info.baseModelId, kind, info, prefix: undefined, note: undefined };
  }
  const chosen = inferenceProfileFor(info, region);
  if (!chosen) {
    const where = info.profilePrefixes.map((prefix) => `${prefix}.`).join(', ');
    return {
      requested,
      modelId: info.baseModelId,
      kind,
      info,
      prefix: undefined,
      note: undefined,
      unavailable: `${info.name} is served only through inference profiles (${where}) that do not include ${region}`,
    };
  }
  const why =
    kind === 'alias' ? `${info.name}` : 'Bedrock serves this model only through an inference profile';
  return {
    requested,
    modelId: chosen.id,
    kind,
    info,
    prefix: chosen.prefix,
    note: `${input} → ${chosen.id} (${why}; profile for ${region})`,
  };
}
