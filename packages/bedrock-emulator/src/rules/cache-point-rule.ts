import type { ContentBlock } from '../converse-request.js';
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
 * Cache point TTLs may not grow along the prompt (tools → system → messages). Anthropic's
 * wording, which Bedrock passes on, with the path of the block the point follows:
 * "messages.0.content.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a
 * ttl='5m' cache_control block" (reproduced live on Bedrock: strands-agents/harness-sdk#3758).
 */
export const cacheTtlOrder: RequestRule = (request) => {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  const sections: [string, readonly unknown[]][] = [
    ['tools', Array.isArray(tools) ? tools : []],
    ['system', request.system ?? []],
    ...request.messages.map((message, index): [string, readonly unknown[]] => [
      `messages.${index}.content`,
      message.content,
    ]),
  ];
  let shortest: string | undefined;
  for (const [path, blocks] of sections) {
    for (const [index, block] of blocks.entries()) {
      if (!isRecord(block) || !isRecord(block.cachePoint)) continue;
      const ttl = block.cachePoint.ttl === '1h' ? '1h' : '5m';
      if (shortest !== undefined && (TTL_RANK[ttl] ?? 0) > (TTL_RANK[shortest] ?? 0)) {
        return modelError(
          `${path}.${Math.max(0, index - 1)}.cache_control.ttl: a ttl='${ttl}' cache_control block must not come after a ttl='${shortest}' cache_control block`,
        );
      }
      if (shortest === undefined || (TTL_RANK[ttl] ?? 0) < (TTL_RANK[shortest] ?? 0)) shortest = ttl;
    }
  }
  return null;
};
