import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectory } from '../files/make-directory.js';
import { writeFileAtomically } from '../files/write-file-atomically.js';
import { type ServedModels, ServedModelsSchema } from './served-models.js';

/** How long a region's model list is trusted: about a day, as issue 12 asks. */
export const CATALOGUE_CACHE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A clock a few minutes behind the one that wrote the file must not throw the file away. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface CatalogueCacheOptions {
  /** The cache directory (the CLI's: `resolveCacheDir(…)`); created, private, when first written. */
  directory: string;
  /** Wall clock; default `new Date()`. */
  now?: (() => Date) | undefined;
  /** Older lists are not used; default {@link CATALOGUE_CACHE_MAX_AGE_MS}. */
  maxAgeMs?: number | undefined;
}

/** `models-<region>.json` in the cache directory (a region is `[a-z0-9-]`, safe as a file name). */
export function catalogueCachePath(directory: string, region: string): string {
  return join(directory, `models-${region}.json`);
}

/**
 * The region's cached model list when it is fresh, else undefined: missing, unreadable, corrupt,
 * for another region, too old, or dated in the future. Synchronous and never throws: a cache is
 * an optimisation, so whatever is wrong with it leaves the built-in table answering, silently.
 */
export function readCachedCatalogue(
  options: CatalogueCacheOptions,
  region: string,
): ServedModels | undefined {
  let parsed: ServedModels;
  try {
    const text = readFileSync(catalogueCachePath(options.directory, region), 'utf8');
    const result = ServedModelsSchema.safeParse(JSON.parse(text));
    if (!result.success) return undefined;
    parsed = result.data;
  } catch {
    return undefined;
  }
  if (parsed.region !== region) return undefined;
  const age = (options.now?.() ?? new Date()).getTime() - Date.parse(parsed.fetchedAt);
  const maxAge = options.maxAgeMs ?? CATALOGUE_CACHE_MAX_AGE_MS;
  return age <= maxAge && age >= -FUTURE_TOLERANCE_MS ? parsed : undefined;
}

/**
 * Saves a region's model list: a private file (0600) in a private directory (0700), written
 * whole to a temporary name and renamed, so a reader sees the old list or the new one, never
 * half of one. Returns the error instead of throwing: failing to cache must not fail `models`.
 */
export function writeCachedCatalogue(
  options: CatalogueCacheOptions,
  served: ServedModels,
): Error | undefined {
  const target = catalogueCachePath(options.directory, served.region);
  try {
    makeDirectory(options.directory);
    writeFileAtomically(target, `${JSON.stringify(served)}\n`);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
