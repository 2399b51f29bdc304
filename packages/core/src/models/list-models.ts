import type { BedrockClient, BedrockClientConfig } from '@aws-sdk/client-bedrock';
import { missingProfileError } from '../config/missing-profile.js';
import {
  type ConfigOptions,
  type ResolvedConfig,
  resolveConfigWithSecrets,
} from '../config/resolve-config.js';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { mapBedrockError } from '../errors/map-bedrock-error.js';
import { bedrockClientConfig } from '../transport/converse/bedrock-runtime-client.js';
import { type CatalogueCacheOptions, writeCachedCatalogue } from './catalogue-cache.js';
import { FAMILY_ALIASES, findModelByBaseId, MODEL_CATALOG } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';
import { inferenceProfileFor, resolveModel } from './resolve-model.js';
import type { ServedModels } from './served-models.js';

/** One model or inference profile a user can pass as `--model`. */
export interface ListedModel {
  /** The id to call it by: an inference profile id, or a foundation-model id. */
  modelId: string;
  kind: 'inference-profile' | 'foundation-model';
  name: string;
  provider: string | undefined;
  /** The foundation model behind it, when known. */
  baseModelId: string | undefined;
  /** Aliases that resolve to exactly this id in the region (`sonnet`, `haiku-4.5` …). */
  aliases: string[];
  /** Whether the id can be called directly; false for foundation models served only through a profile. */
  invocable: boolean;
  status: string | undefined;
  /** Known prices (USD per million tokens), from the built-in table. */
  pricePerMillion: ModelInfo['pricePerMillion'] | undefined;
  /**
   * Whether the built-in table knows the model behind it. A served model it does not know still
   * works (Bedrock decides); only its cost is unknown.
   */
  inBuiltInTable: boolean;
}

export interface ModelListing {
  region: string;
  /** `bedrock`: from ListFoundationModels + ListInferenceProfiles; `built-in`: the catalogue. */
  source: 'bedrock' | 'built-in';
  models: ListedModel[];
  /** Why Bedrock could not be asked (the error, mapped), when `source` is `built-in`. */
  fallbackReason: BedrockChatError | undefined;
  /** The configuration's notices (credentials from, or ignored in, `.env`), for an app to print. */
  notices?: string[] | undefined;
  /** Why Bedrock's answer could not be cached (`catalogueCache` given), for an app to mention. */
  cacheError?: Error | undefined;
}

/**
 * The Claude models Bedrock serves in the region that the built-in table does not know (newer than
 * this release): they work, with their cost unknown. Empty for the built-in listing.
 */
export function modelsMissingFromTable(listing: Pick<ModelListing, 'models'>): ListedModel[] {
  return listing.models.filter((model) => !model.inBuiltInTable && model.provider === 'Anthropic');
}

/** The control-plane client's one method bedrock-chat uses; tests may pass their own. */
export type ControlPlaneSender = Pick<BedrockClient, 'send'>;

export interface ListModelsOptions extends ConfigOptions {
  /** A Bedrock control-plane client; built from the config when absent. */
  bedrockClient?: ControlPlaneSender | undefined;
  /** Also list non-text models (embeddings, images); default false. */
  includeNonText?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Deadline of the whole listing (every page and retry); when it passes, the built-in table
   * answers with a TIMEOUT reason. Default: the configured `timeoutMs`.
   */
  timeoutMs?: number | undefined;
  /**
   * Where Bedrock's answer is saved for the region, for chat clients given the same cache to
   * resolve models by (see `readCachedCatalogue`). Nothing is written without it.
   */
  catalogueCache?: CatalogueCacheOptions | undefined;
}

type ControlPlaneSdk = typeof import('./bedrock-control-plane-sdk.js');

const MAX_PROFILE_PAGES = 20;

function formatSeconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 100) / 10} s`;
}

/** Aliases of the catalogue that resolve to `modelId` in `region` (by Bedrock's list, when given). */
function aliasesFor(modelId: string, region: string, served?: ServedModels): string[] {
  const candidates = [...Object.keys(FAMILY_ALIASES), ...MODEL_CATALOG.flatMap((model) => model.aliases)];
  return candidates.filter((alias) => resolveModel(alias, region, served).modelId === modelId);
}

/** A listing as the snapshot the resolver reads: ids, what is behind them, whether callable. */
export function servedModelsOf(
  region: string,
  models: readonly ListedModel[],
  fetchedAt: Date,
): ServedModels {
  return {
    version: 1,
    region,
    fetchedAt: fetchedAt.toISOString(),
    models: models.map(({ modelId, kind, baseModelId, provider, name, invocable }) => ({
      modelId,
      kind,
      ...(baseModelId === undefined ? {} : { baseModelId }),
      ...(provider === undefined ? {} : { provider }),
      name,
      invocable,
    })),
  };
}

/** The built-in table, as the ids that would be sent from `region`. Pure. */
export function builtInModelListing(region: string): ListedModel[] {
  return MODEL_CATALOG.flatMap((info) => {
    const profile = inferenceProfileFor(info, region);
    const ids = new Set<string>();
    if (profile) ids.add(profile.id);
    if (info.profilePrefixes.includes('global')) ids.add(`global.${info.baseModelId}`);
    if (!info.requiresInferenceProfile || ids.size === 0) ids.add(info.baseModelId);
    return [...ids].map(
      (modelId): ListedModel => ({
        modelId,
        kind: modelId === info.baseModelId ? 'foundation-model' : 'inference-profile',
        name: info.name,
        provider: 'Anthropic',
        baseModelId: info.baseModelId,
        aliases: aliasesFor(modelId, region),
        invocable: modelId !== info.baseModelId || !info.requiresInferenceProfile,
        status: undefined,
        pricePerMillion: info.pricePerMillion,
        inBuiltInTable: true,
      }),
    );
  });
}

function baseIdOfModelArn(arn: string | undefined): string | undefined {
  const slash = arn?.indexOf('foundation-model/') ?? -1;
  return arn && slash >= 0 ? arn.slice(slash + 'foundation-model/'.length) : undefined;
}

async function fetchListing(
  sdk: ControlPlaneSdk,
  client: ControlPlaneSender,
  region: string,
  options: ListModelsOptions & { signal: AbortSignal },
): Promise<ListedModel[]> {
  const abortSignal = options.signal;
  const foundation = await client.send(new sdk.ListFoundationModelsCommand({}), { abortSignal });
  const profiles = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PROFILE_PAGES; page++) {
    const response = await client.send(new sdk.ListInferenceProfilesCommand({ nextToken }), { abortSignal });
    profiles.push(...(response.inferenceProfileSummaries ?? []));
    nextToken = response.nextToken;
    if (!nextToken) break;
  }
  const models: ListedModel[] = [];
  const providerOf = new Map(
    (foundation.modelSummaries ?? []).map((summary) => [summary.modelId, summary.providerName]),
  );
  for (const profile of profiles) {
    if (!profile.inferenceProfileId) continue;
    const baseModelId = baseIdOfModelArn(profile.models?.[0]?.modelArn);
    const info = baseModelId ? findModelByBaseId(baseModelId) : undefined;
    models.push({
      modelId: profile.inferenceProfileId,
      kind: 'inference-profile',
      name: profile.inferenceProfileName ?? info?.name ?? profile.inferenceProfileId,
      provider: baseModelId ? providerOf.get(baseModelId) : undefined,
      baseModelId,
      aliases: [],
      invocable: profile.status === undefined || profile.status === 'ACTIVE',
      status: profile.status,
      pricePerMillion: info?.pricePerMillion,
      inBuiltInTable: info !== undefined,
    });
  }
  for (const summary of foundation.modelSummaries ?? []) {
    if (!summary.modelId) continue;
    if (!options.includeNonText && !(summary.outputModalities ?? ['TEXT']).includes('TEXT')) continue;
    const info = findModelByBaseId(summary.modelId);
    models.push({
      modelId: summary.modelId,
      kind: 'foundation-model',
      name: summary.modelName ?? info?.name ?? summary.modelId,
      provider: summary.providerName,
      baseModelId: summary.modelId,
      aliases: [],
      invocable: (summary.inferenceTypesSupported ?? []).includes('ON_DEMAND'),
      status: summary.modelLifecycle?.status,
      pricePerMillion: info?.pricePerMillion,
      inBuiltInTable: info !== undefined,
    });
  }
  // Aliases as a client reading this list would resolve them (the newest of a family served here).
  const served = servedModelsOf(region, models, new Date(0));
  for (const model of models) model.aliases = aliasesFor(model.modelId, region, served);
  return models;
}

function controlPlaneConfig(
  config: ResolvedConfig,
  secrets: Parameters<typeof bedrockClientConfig>[1],
): BedrockClientConfig {
  // Same region, credentials and retries as the runtime client; only the endpoint differs.
  const { endpoint: _runtimeEndpoint, ...shared } = bedrockClientConfig(config, secrets);
  const options = shared as BedrockClientConfig;
  if (config.controlPlaneEndpointUrl) options.endpoint = config.controlPlaneEndpointUrl.value;
  return options;
}

/**
 * Models and inference profiles usable in the configured region, from the Bedrock control plane
 * (ListFoundationModels, ListInferenceProfiles). When that is not permitted or not reachable
 * (access denied, no credentials, network), returns the built-in table with the reason instead of
 * failing: listing models must not require extra IAM permissions. Only a cancellation throws.
 */
export async function listModels(options: ListModelsOptions = {}): Promise<ModelListing> {
  const { config, secrets } = await resolveConfigWithSecrets(options);
  const region = config.region.value;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs.value;
  // The SDK's requestTimeout only bounds one silent socket, per attempt; this bounds the whole listing.
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let owned: BedrockClient | undefined;
  try {
    const missingProfile = options.bedrockClient ? undefined : missingProfileError(config);
    if (missingProfile) throw missingProfile;
    const sdk = await import('./bedrock-control-plane-sdk.js');
    const client = options.bedrockClient ?? new sdk.BedrockClient(controlPlaneConfig(config, secrets));
    if (!options.bedrockClient) owned = client as BedrockClient;
    const models = await fetchListing(sdk, client, region, { ...options, signal });
    const cache = options.catalogueCache;
    const now = cache?.now?.() ?? new Date();
    const cacheError = cache ? writeCachedCatalogue(cache, servedModelsOf(region, models, now)) : undefined;
    return {
      region,
      source: 'bedrock',
      models,
      fallbackReason: undefined,
      notices: config.notices,
      ...(cacheError ? { cacheError } : {}),
    };
  } catch (error) {
    if (deadline.aborted && !options.signal?.aborted) {
      const fallbackReason = new BedrockChatError({
        code: 'TIMEOUT',
        message: `Bedrock did not list its models within ${formatSeconds(timeoutMs)}.`,
        hint: 'Check that AWS_ENDPOINT_URL_BEDROCK (when set) is a Bedrock endpoint, or raise BEDROCK_CHAT_TIMEOUT_MS.',
        cause: error,
        details: { timeoutMs },
      });
      return {
        region,
        source: 'built-in',
        models: builtInModelListing(region),
        fallbackReason,
        notices: config.notices,
      };
    }
    const mapped = mapBedrockError(error, {
      modelId: 'ListFoundationModels',
      region,
      endpointUrl: config.controlPlaneEndpointUrl?.value,
      profile: config.profile?.value,
      credentialKind: config.credentials.kind,
    });
    if (mapped.code === 'ABORTED') throw mapped;
    return {
      region,
      source: 'built-in',
      models: builtInModelListing(region),
      fallbackReason: mapped,
      notices: config.notices,
    };
  } finally {
    owned?.destroy();
  }
}
