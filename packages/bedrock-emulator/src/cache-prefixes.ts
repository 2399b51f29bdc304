import { createHash, type Hash } from 'node:crypto';
import type { ContentBlock, ConverseRequest } from './converse-request.js';
import { blockText, charCount, tokensForChars } from './token-count.js';

export type CacheTtl = '5m' | '1h';

/** A block boundary of the prompt: the hash of everything before it, and its length in tokens. */
export interface PrefixBoundary {
  readonly hash: string;
  readonly tokens: number;
  /** Set when a cache point ends the prefix here. */
  readonly cachePoint?: { readonly ttl: CacheTtl } | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cachePointTtl(block: unknown): CacheTtl | undefined {
  if (!isRecord(block) || !isRecord(block.cachePoint)) return undefined;
  return block.cachePoint.ttl === '1h' ? '1h' : '5m';
}

function hasCachePointIn(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((block) => isRecord(block) && block.cachePoint !== undefined);
}

/** One pass over the request's blocks, so a request without cache points hashes nothing. */
export function hasCachePoint(request: ConverseRequest): boolean {
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  return (
    hasCachePointIn(tools) ||
    hasCachePointIn(request.system) ||
    request.messages.some((message) => hasCachePointIn(message.content))
  );
}

/**
 * The prompt as Anthropic caches it — tools, then system, then messages — cut at every block
 * boundary. Each boundary carries the hash of the prefix before it (with the model id: caches
 * are per model) and the prefix's length under the emulator's tokeniser. Cache points themselves
 * add nothing to the prefix; the boundary they end is marked.
 */
export function prefixBoundaries(modelId: string, request: ConverseRequest): PrefixBoundary[] {
  const hash: Hash = createHash('sha256').update(modelId);
  const boundaries: PrefixBoundary[] = [];
  let chars = 0;
  const visit = (section: string, block: unknown, text: () => string) => {
    const ttl = cachePointTtl(block);
    if (ttl !== undefined) {
      const last = boundaries.at(-1);
      const marked = { hash: last?.hash ?? hash.copy().digest('hex'), tokens: tokensForChars(chars) };
      boundaries[boundaries.length === 0 ? 0 : boundaries.length - 1] = { ...marked, cachePoint: { ttl } };
      return;
    }
    hash.update(`\u0000${section}\u0000${JSON.stringify(block)}`);
    chars += charCount(text());
    boundaries.push({ hash: hash.copy().digest('hex'), tokens: tokensForChars(chars) });
  };
  const tools = isRecord(request.toolConfig) ? request.toolConfig.tools : undefined;
  for (const tool of Array.isArray(tools) ? tools : []) visit('tool', tool, () => JSON.stringify(tool));
  for (const block of request.system ?? []) visit('system', block, () => blockText(block));
  request.messages.forEach((message, index) => {
    for (const block of message.content) {
      visit(`${index}:${message.role}`, block, () => blockText(block as ContentBlock));
    }
  });
  return boundaries;
}
