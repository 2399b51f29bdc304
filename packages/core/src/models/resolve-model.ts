import { FAMILY_ALIASES, findModelByBaseId, MODEL_CATALOG } from './model-catalog.js';
import {
  GEOGRAPHY_PREFIXES,
  type GeographyPrefix,
  MODEL_FAMILIES,
  type ModelFamily,
  type ModelInfo,
} from './model-info.js';
import { isServed, type ServedModels, servedIndex } from './served-models.js';

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
  /**
   * Whether Bedrock's own list for the region (ListInferenceProfiles / ListFoundationModels, as
   * cached) has `modelId`, callable. Undefined without a list, and for ARNs: the table decided.
   */
  served?: boolean | undefined;
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

/**
 * The id Bedrock's list serves a foundation model by in a region: the bare id when it is on
 * demand, else the region's geography profile, else `global.`. Undefined when the list has none.
 */
function servedRouteFor(
  baseModelId: string,
  region: string,
  served: ServedModels,
): { id: string; prefix: GeographyPrefix | undefined } | undefined {
  if (isServed(served, baseModelId)) return { id: baseModelId, prefix: undefined };
  const candidates: GeographyPrefix[] = [...geographyPrefixesForRegion(region), 'global'];
  const prefix = candidates.find((candidate) => isServed(served, `${candidate}.${baseModelId}`));
  return prefix ? { id: `${prefix}.${baseModelId}`, prefix } : undefined;
}

/** The newest model of a family that Bedrock's list serves in the region, by release date. */
function newestServedOf(family: ModelFamily, region: string, served: ServedModels): string | undefined {
  return MODEL_CATALOG.filter(
    (model) => model.family === family && servedRouteFor(model.baseModelId, region, served),
  ).reduce<ModelInfo | undefined>(
    (newest, model) => (newest === undefined || model.released > newest.released ? model : newest),
    undefined,
  )?.baseModelId;
}

function familyAlias(input: string): ModelFamily | undefined {
  return MODEL_FAMILIES.find((family) => family === input);
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
 * A name the table does not know: left for Bedrock to judge; with Bedrock's list, marked served or
 * not, and a foundation model Bedrock serves only through a profile rewritten to that profile.
 */
function resolveUnknown(
  requested: string,
  input: string,
  region: string,
  served: ServedModels | undefined,
): ResolvedModel {
  const unknown: ResolvedModel = {
    requested,
    modelId: input,
    kind: 'unknown',
    info: undefined,
    prefix: undefined,
    note: undefined,
    ...(served ? { served: isServed(served, input) } : {}),
  };
  if (!served) return unknown;
  const listed = servedIndex(served).get(input);
  if (unknown.served || listed?.kind !== 'foundation-model') return unknown;
  const route = servedRouteFor(input, region, served);
  if (!route) return unknown;
  return {
    ...unknown,
    modelId: route.id,
    kind: 'foundation-model',
    prefix: route.prefix,
    note: `${input} → ${route.id} (Bedrock serves this model only through an inference profile; profile for ${region})`,
    served: true,
  };
}

/**
 * Turns what a user typed into the id Bedrock accepts:
 * - aliases (`sonnet`, `haiku-4.5` …) → the inference profile for the region;
 * - a bare foundation-model id that Bedrock only serves through a profile → that profile;
 * - inference profile ids and ARNs → untouched.
 * With `served` (the region's list from the control plane, see `readCachedCatalogue`), a family
 * alias picks the newest model of the family Bedrock serves there, the profile is one Bedrock
 * lists, and a foundation model the table does not know still reaches its profile. Where the list
 * lacks what the table says, the table's choice is sent (`served: false`): Bedrock decides.
 */
export function resolveModel(requested: string, region: string, served?: ServedModels): ResolvedModel {
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
      ...(served ? { served: isServed(served, input) } : {}),
    };
  }
  const lower = input.toLowerCase();
  const family = familyAlias(lower);
  const aliasTarget =
    (family && served ? newestServedOf(family, region, served) : undefined) ?? aliasToBaseId.get(lower);
  const info = findModelByBaseId(aliasTarget ?? input);
  if (!info) return resolveUnknown(requested, input, region, served);
  const kind: ModelIdKind = aliasTarget ? 'alias' : 'foundation-model';
  const listed = served ? servedRouteFor(info.baseModelId, region, served) : undefined;
  const servedFlag = served ? { served: listed !== undefined } : {};
  // The bare id: on demand by Bedrock's list, or by the table when the list does not say.
  const bare: ResolvedModel = {
    requested,
    modelId: info.baseModelId,
    kind,
    info,
    prefix: undefined,
    note: undefined,
    ...servedFlag,
  };
  if (listed ? listed.prefix === undefined : !info.requiresInferenceProfile) return bare;
  const chosen = listed?.prefix
    ? { id: listed.id, prefix: listed.prefix }
    : inferenceProfileFor(info, region);
  if (!chosen) {
    const where = info.profilePrefixes.map((prefix) => `${prefix}.`).join(', ');
    return {
      ...bare,
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
    ...servedFlag,
  };
}
