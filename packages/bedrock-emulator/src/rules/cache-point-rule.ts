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
