import type { CachePointBlock, CacheTtl } from '../../messages/content-block-schemas.js';
import type { Message, SystemBlock } from '../../messages/message-schemas.js';
import { estimateMessageTokens, estimateSystemTokens } from '../../store/context-window.js';
import type { RequestDraft } from '../chat-request.js';
import type { RequestFeature } from '../request-feature.js';

/** Bedrock allows 4 cache points per request (BEDROCK-WIRE.md; Anthropic's cache_control limit). */
export const MAX_CACHE_POINTS = 4;

function hasCachePoint(draft: RequestDraft): boolean {
  return (
    (draft.system?.some((block) => 'cachePoint' in block) ?? false) ||
    draft.messages.some((message) => message.content.some((block) => 'cachePoint' in block))
  );
}

function cachePoint(ttl: CacheTtl): CachePointBlock {
  // 5 minutes is Bedrock's default: the wire stays as short as before caching had TTLs.
  return { cachePoint: ttl === '1h' ? { type: 'default', ttl } : { type: 'default' } };
}

/**
 * Prompt caching where a later call can reuse the write: a cache point after the system prompt
 * (sent again by every call that uses it) and one at the end of the history (the messages before
 * the new prompt, which the next turn sends again). Anthropic looks back ~20 blocks from a cache
 * point for an earlier write, so the history point of each turn reads what the previous turn
 * wrote. A point goes only where the prefix before it reaches the model's minimum cacheable
 * length (shorter prefixes are not cached: a point there only adds a block). A caller who placed
 * cache points has chosen them: none are added. Runs after everything that shapes the prefix
 * (tools would get theirs here too), so the cached prefix stays stable.
 */
export const cachePointsFeature: RequestFeature = {
  name: 'cache-points',
  // Something a later call can reuse (a system prompt, a history) on a model that caches.
  applies: (request, model) =>
    request.cache &&
    (request.system !== undefined || request.messages.length > 1) &&
    model.info?.promptCache !== undefined,
  request(draft, { request, model }) {
    const support = model.info?.promptCache;
    if (support === undefined || hasCachePoint(draft)) return { draft };
    const warnings: string[] = [];
    let ttl: CacheTtl = request.cacheTtl ?? '5m';
    if (!support.ttls.includes(ttl)) {
      warnings.push(`${model.info?.name} does not offer a ${ttl} cache; 5-minute cache points were sent.`);
      ttl = '5m';
    }
    let tokens = estimateSystemTokens(draft.system as SystemBlock[] | undefined);
    let system = draft.system;
    let points = 0;
    if (system && tokens >= support.minTokens) {
      system = [...system, cachePoint(ttl)];
      points++;
    }
    let messages = draft.messages;
    const historyLength = messages.length - 1;
    for (let index = 0; index < historyLength; index++) {
      tokens += estimateMessageTokens(messages[index] as Message);
    }
    if (historyLength > 0 && tokens >= support.minTokens && points < MAX_CACHE_POINTS) {
      const last = messages[historyLength - 1] as Message;
      const marked: Message = { ...last, content: [...last.content, cachePoint(ttl)] };
      messages = [...messages.slice(0, historyLength - 1), marked, ...messages.slice(historyLength)];
      points++;
    }
    if (points === 0) return { draft, warnings };
    return { draft: { ...draft, system, messages }, warnings };
  },
};
