import { resolveModel } from './resolve-model.js';

// Any region parses a name the same way; only the profile picked for an alias depends on it.
const PARSE_REGION = 'us-east-1';

/**
 * The model name a conversation keeps after a turn. An alias (`sonnet`), or the configured default
 * when the call named none, is pinned to the foundation model it resolved to: a later turn uses
 * the same model even after the alias has moved to a newer one, and the base id still resolves to
 * the profile of whatever region that turn runs in. A name the caller gave that is not an alias (a
 * foundation-model id, a profile id, an ARN, a model the built-in table does not know) is kept as
 * given.
 */
export function pinnedModel(requested: string | undefined, sentModelId: string): string {
  if (requested !== undefined && resolveModel(requested, PARSE_REGION).kind !== 'alias') return requested;
  const sent = resolveModel(sentModelId, PARSE_REGION);
  return sent.kind === 'inference-profile' && sent.info ? sent.info.baseModelId : sentModelId;
}
