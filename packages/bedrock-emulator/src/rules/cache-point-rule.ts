import type { ContentBlock, ConverseRequest } from '../converse-request.js';
import { isRecord, modelError, type RequestRule } from './request-rule.js';

/** "up to 4 cache points" (BEDROCK-WIRE.md; Anthropic's limit on cache_control blocks). */
export const MAX_CACHE_POINTS = 4;

const isCachePoint = (block: unknown): boolean => isRecord(block) && block.cachePoint !== undefined;

/** Cache points in the tool list, the system prompt and the messages all count. */
export const cachePointLimit: RequestRule = (request) => {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  const blocks: unknown[] = [
    ...(Array.isArray(tools) ? tools : []),
    ...(request.system ?? []),
    ...request.messages.flatMap((message): readonly ContentBlock[] => message.content),
  ];
  const found = blocks.filter(isCachePoint).length;
  return found > MAX_CACHE_POINTS
    ? modelError(
        `A maximum of ${MAX_CACHE_POINTS} blocks with cache_control may be provided. Found ${found}.`,
      )
    : null;
};

const TTL_RANK: Readonly<Record<string, number>> = { '5m': 0, '1h': 1 };

/**
 * The sections a prompt's cache points sit in, in the order Anthropic processes them (tools →
 * system → messages), each with the path Anthropic's errors use for it.
 */
function cachePointSections(request: ConverseRequest): [string, readonly unknown[]][] {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  return [
    ['tools', Array.isArray(tools) ? tools : []],
    ['system', request.system ?? []],
    ...request.messages.map((message, index): [string, readonly unknown[]] => [
      `messages.${index}.content`,
      message.content,
    ]),
  ];
}

/** Each cache point with its TTL and the path of the block it follows (Anthropic's `cache_control`). */
function* cachePoints(request: ConverseRequest): Generator<{ path: string; ttl: '5m' | '1h' }> {
  for (const [section, blocks] of cachePointSections(request)) {
    for (const [index, block] of blocks.entries()) {
      if (!isRecord(block) || !isRecord(block.cachePoint)) continue;
      yield {
        path: `${section}.${Math.max(0, index - 1)}`,
        ttl: block.cachePoint.ttl === '1h' ? '1h' : '5m',
      };
    }
  }
}

/**
 * A 1-hour TTL on a model that offers only 5 minutes (before the 4.5 models): the model's request
 * schema has no `ttl`, and Bedrock passes its validation error on. Claude Opus 4/4.1, Sonnet 4,
 * 3.7 Sonnet and 3.5 Haiku answer `ttl: "1h"` with "Extra inputs are not permitted"
 * (earendil-works/pi#1570; Bedrock offers the 1-hour TTL from the 4.5 models on, AWS What's New
 * 2026-01-26 "Amazon Bedrock one-hour duration prompt caching"). Checked before the TTL order:
 * a schema error comes first.
 */
export const cacheTtlSupport: RequestRule = (request, model) => {
  if (model.promptCache.ttls.includes('1h')) return null;
  for (const point of cachePoints(request)) {
    if (point.ttl === '1h')
      return modelError(`${point.path}.cache_control.ttl: Extra inputs are not permitted`);
  }
  return null;
};

/**
 * Cache point TTLs may not grow along the prompt (tools → system → messages). Anthropic's
 * wording, which Bedrock passes on, with the path of the block the point follows:
 * "messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a
 * ttl='5m' cache_control block" (reproduced live on Bedrock: strands-agents/harness-sdk#3758).
 */
export const cacheTtlOrder: RequestRule = (request) => {
  let shortest: '5m' | '1h' | undefined;
  for (const { path, ttl } of cachePoints(request)) {
    if (shortest !== undefined && (TTL_RANK[ttl] ?? 0) > (TTL_RANK[shortest] ?? 0)) {
      return modelError(
        `${path}.cache_control.ttl: a ttl='${ttl}' cache_control block must not come after a ttl='${shortest}' cache_control block`,
      );
    }
    if (shortest === undefined || (TTL_RANK[ttl] ?? 0) < (TTL_RANK[shortest] ?? 0)) shortest = ttl;
  }
  return null;
};
