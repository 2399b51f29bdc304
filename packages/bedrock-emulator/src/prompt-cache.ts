import { type CacheTtl, hasCachePoint, type PrefixBoundary, prefixBoundaries } from './cache-prefixes.js';
import type { ConverseRequest } from './converse-request.js';

/** What a model offers for prompt caching (from the emulator's own catalogue). */
export interface PromptCacheSupport {
  /** A prefix shorter than this is simply not cached: no error, no write. */
  readonly minTokens: number;
  readonly ttls: readonly CacheTtl[];
}

/** One request's cache accounting, as Bedrock reports it in `usage`. */
export interface CacheUsage {
  readonly cacheReadInputTokens: number;
  readonly cacheWriteInputTokens: number;
  /** Writes by TTL, 1 h before 5 m (the SDK's `TokenUsage.cacheDetails` contract); empty without writes. */
  readonly cacheDetails: readonly { readonly ttl: CacheTtl; readonly inputTokens: number }[];
}

const TTL_MS: Readonly<Record<CacheTtl, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/**
 * Anthropic checks for a hit at each block boundary up to about 20 blocks before a cache point
 * ("Prompt caching", platform.claude.com/docs/en/build-with-claude/prompt-caching), so one point
 * at the end of a growing conversation reads what the previous turn wrote.
 */
export const LOOKBACK_BLOCKS = 20;

/**
 * The emulator's prompt cache: prefixes by hash, each alive until its TTL runs out (a read
 * refreshes it, as Anthropic's "5 minutes from last use"). The clock is injected for tests.
 */
export class PromptCache {
  private readonly entries = new Map<string, { expiresAt: number; ttl: CacheTtl }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Reads the longest live prefix found from any cache point, then writes every cache point after
   * it whose prefix is at least the model's minimum. Without cache points (or caching) it is
   * undefined: the usage then carries no cache members.
   */
  account(
    boundaries: readonly PrefixBoundary[],
    support: PromptCacheSupport | undefined,
  ): CacheUsage | undefined {
    const points = boundaries.flatMap((boundary, index) => (boundary.cachePoint ? [index] : []));
    if (points.length === 0 || support === undefined) return undefined;
    const now = this.now();
    let readIndex = -1;
    for (const point of points) {
      for (let index = point; index >= Math.max(0, point - LOOKBACK_BLOCKS) && index > readIndex; index--) {
        const entry = this.entries.get(boundaries[index]?.hash ?? '');
        if (entry && entry.expiresAt > now) {
          readIndex = index;
          break;
        }
      }
    }
    const read = readIndex >= 0 ? boundaries[readIndex] : undefined;
    if (read) {
      const entry = this.entries.get(read.hash);
      if (entry) entry.expiresAt = now + TTL_MS[entry.ttl];
    }
    const written: Record<CacheTtl, number> = { '1h': 0, '5m': 0 };
    let writtenUpTo = read?.tokens ?? 0;
    for (const point of points) {
      const boundary = boundaries[point];
      if (!boundary?.cachePoint || point <= readIndex || boundary.tokens < support.minTokens) continue;
      const ttl = boundary.cachePoint.ttl;
      written[ttl] += Math.max(0, boundary.tokens - writtenUpTo);
      writtenUpTo = Math.max(writtenUpTo, boundary.tokens);
      this.entries.set(boundary.hash, { expiresAt: now + TTL_MS[ttl], ttl });
    }
    const cacheDetails = (['1h', '5m'] as const)
      .filter((ttl) => written[ttl] > 0)
      .map((ttl) => ({ ttl, inputTokens: written[ttl] }));
    return {
      cacheReadInputTokens: read?.tokens ?? 0,
      cacheWriteInputTokens: written['1h'] + written['5m'],
      cacheDetails,
    };
  }

  /** The accounting of one Converse request; a request without cache points costs one scan. */
  accountRequest(
    model: { readonly modelId: string; readonly promptCache: PromptCacheSupport | undefined },
    request: ConverseRequest,
  ): CacheUsage | undefined {
    if (model.promptCache === undefined || !hasCachePoint(request)) return undefined;
    return this.account(prefixBoundaries(model.modelId, request), model.promptCache);
  }

  clear(): void {
    this.entries.clear();
  }
}
