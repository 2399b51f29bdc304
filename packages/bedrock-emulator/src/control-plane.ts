import { validationError } from './bedrock-errors.js';
import {
  EMULATED_MODELS,
  type EmulatedModel,
  type ProfilePrefix,
  profilePrefixesForRegion,
} from './model-catalogue.js';

/** The account the emulator's inference-profile ARNs belong to. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

/** Regions each geography's system-defined profiles route to (a representative subset). */
const PROFILE_DESTINATIONS: Record<ProfilePrefix, readonly string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  'us-gov': ['us-gov-west-1', 'us-gov-east-1'],
  global: [],
};

const GEOGRAPHY_LABELS: Record<ProfilePrefix, string> = {
  us: 'US',
  eu: 'EU',
  apac: 'APAC',
  jp: 'JP',
  au: 'AU',
  'us-gov': 'US-GOV',
  global: 'Global',
};

function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** GET /foundation-models, filtered by the query members ListFoundationModels sends. */
export function listFoundationModels(
  region: string,
  query: URLSearchParams,
  catalogue: readonly EmulatedModel[] = EMULATED_MODELS,
): unknown {
  const byProvider = query.get('byProvider')?.toLowerCase();
  const byOutputModality = query.get('byOutputModality');
  const byInferenceType = query.get('byInferenceType');
  const summaries = catalogue
    .map((model) => ({
      modelArn: foundationModelArn(region, model.modelId),
      modelId: model.modelId,
      modelName: model.modelName,
      providerName: model.providerName,
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: [model.requiresInferenceProfile ? 'INFERENCE_PROFILE' : 'ON_DEMAND'],
      modelLifecycle: { status: 'ACTIVE' },
    }))
    .filter(
      (summary) =>
        (byProvider === undefined || summary.providerName.toLowerCase() === byProvider) &&
        (byOutputModality === null || summary.outputModalities.includes(byOutputModality)) &&
        (byInferenceType === null || summary.inferenceTypesSupported.includes(byInferenceType)),
    );
  return { modelSummaries: summaries };
}

function profileSummary(region: string, prefix: ProfilePrefix, model: EmulatedModel) {
  const inferenceProfileId = `${prefix}.${model.modelId}`;
  const destinations = prefix === 'global' ? [region] : PROFILE_DESTINATIONS[prefix];
  const modelArns = destinations.map((destination) => foundationModelArn(destination, model.modelId));
  // Global profiles also name the region-less model ARN, as the real ones do.
  if (prefix === 'global') modelArns.push(foundationModelArn('', model.modelId));
  const where = prefix === 'global' ? 'commercial AWS Regions' : destinations.join(', ');
  return {
    inferenceProfileId,
    inferenceProfileName: `${GEOGRAPHY_LABELS[prefix]} ${model.providerName} ${model.modelName}`,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${EMULATOR_ACCOUNT_ID}:inference-profile/${inferenceProfileId}`,
    description: `Routes requests to ${model.providerName} ${model.modelName} in ${where}.`,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    models: modelArns.map((modelArn) => ({ modelArn })),
  };
}

/**
 * The system-defined profiles callable from `region` (its geography, country and `global.`), of
 * each model only those AWS publishes for it.
 */
export function inferenceProfilesForRegion(
  region: string,
  catalogue: readonly EmulatedModel[] = EMULATED_MODELS,
): ReturnType<typeof profileSummary>[] {
  return profilePrefixesForRegion(region).flatMap((prefix) =>
    catalogue
      .filter((model) => model.profilePrefixes.includes(prefix))
      .map((model) => profileSummary(region, prefix, model)),
  );
}

/**
 * GET /inference-profiles with `maxResults`/`nextToken` paging and the `type` filter. The token
 * is the offset of the next page, opaque to clients.
 */
export function listInferenceProfiles(
  region: string,
  query: URLSearchParams,
  catalogue: readonly EmulatedModel[] = EMULATED_MODELS,
): unknown {
  const type = query.get('type');
  const all = type === null || type === 'SYSTEM_DEFINED' ? inferenceProfilesForRegion(region, catalogue) : [];
  const maxResults = query.has('maxResults') ? Number(query.get('maxResults')) : 1000;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw validationError(
      `1 validation error detected: Value '${query.get('maxResults')}' at 'maxResults' failed to satisfy ` +
        'constraint: Member must have value between 1 and 1000',
    );
  }
  const start = decodeNextToken(query.get('nextToken'));
  const page = all.slice(start, start + maxResults);
  const next = start + maxResults;
  return {
    inferenceProfileSummaries: page,
    ...(next < all.length ? { nextToken: Buffer.from(String(next)).toString('base64') } : {}),
  };
}

function decodeNextToken(token: string | null): number {
  if (token === null) return 0;
  const offset = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw validationError('The provided nextToken is invalid.');
  return offset;
}
