import type { Operation } from './faults.js';

export interface Route {
  readonly operation: Operation;
  /** Decoded model id of runtime operations. */
  readonly modelId?: string;
}

const RUNTIME_OPERATIONS: Record<string, Operation> = {
  converse: 'Converse',
  'converse-stream': 'ConverseStream',
  'count-tokens': 'CountTokens',
};

// Anchored at the end only: an endpoint with a path (e.g. behind a proxy) prefixes every route.
const RUNTIME_ROUTE = /\/model\/([^/]+)\/(converse|converse-stream|count-tokens)$/;
const CONTROL_PLANE_ROUTES: Record<string, Operation> = {
  'foundation-models': 'ListFoundationModels',
  'inference-profiles': 'ListInferenceProfiles',
};
const CONTROL_PLANE_ROUTE = /(?:^|\/)(foundation-models|inference-profiles)$/;

/**
 * Maps a method and raw path to an operation. The model id is matched while still
 * percent-encoded (ARNs carry `%2F`) and decoded afterwards, never split after decoding.
 */
export function matchRoute(method: string, rawPath: string): Route | undefined {
  if (method === 'POST') {
    const runtime = RUNTIME_ROUTE.exec(rawPath);
    const [, encodedModelId, action] = runtime ?? [];
    const operation = action === undefined ? undefined : RUNTIME_OPERATIONS[action];
    if (encodedModelId === undefined || operation === undefined) return undefined;
    const modelId = safeDecode(encodedModelId);
    return modelId === undefined ? undefined : { operation, modelId };
  }
  if (method === 'GET') {
    const [, resource] = CONTROL_PLANE_ROUTE.exec(rawPath) ?? [];
    const operation = resource === undefined ? undefined : CONTROL_PLANE_ROUTES[resource];
    return operation === undefined ? undefined : { operation };
  }
  return undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
