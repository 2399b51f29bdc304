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

/** A stored message as {@link continuedModel} reads it. */
interface StoredReply {
  role: 'user' | 'assistant';
  modelId?: string | null | undefined;
}

/**
 * The model a stored conversation continues on. Its stored name, unless that name would follow an
 * alias (or the configured default) to another model than the one that wrote the thread: a
 * conversation stored before turns were pinned keeps `sonnet` as typed, or no model at all. Then
 * its last reply's model, pinned as {@link pinnedModel} pins it, so continuing an old thread never
 * silently moves it to a newer model. Without a reply there is nothing to keep.
 */
export function continuedModel(
  stored: string | null | undefined,
  messages: readonly StoredReply[],
): string | undefined {
  if (stored != null && resolveModel(stored, PARSE_REGION).kind !== 'alias') return stored;
  const lastReply = messages.findLast((message) => message.role === 'assistant' && message.modelId);
  if (!lastReply?.modelId) return stored ?? undefined;
  return pinnedModel(undefined, lastReply.modelId);
}
