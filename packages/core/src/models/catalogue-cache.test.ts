import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CATALOGUE_CACHE_MAX_AGE_MS,
  catalogueCachePath,
  readCachedCatalogue,
  writeCachedCatalogue,
} from './catalogue-cache.js';
import type { ServedModels } from './served-models.js';

const fetchedAt = new Date('2026-12-01T12:00:00.000Z');
const served: ServedModels = {
  version: 1,
  region: 'eu-west-1',
  fetchedAt: fetchedAt.toISOString(),
  models: [
    {
      modelId: 'eu.anthropic.claude-sonnet-5-5',
      kind: 'inference-profile',
      baseModelId: 'anthropic.claude-sonnet-5-5',
      provider: 'Anthropic',
      name: 'EU Anthropic Claude Sonnet 5.5',
      invocable: true,
    },
  ],
};

describe('the catalogue cache', () => {
  let root: string;
  let directory: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'catalogue-cache-'));
    directory = join(root, 'cache');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const at = (date: Date) => ({ directory, now: () => date });

  it('reads back what it wrote while it is fresh: about a day', () => {
    expect(writeCachedCatalogue(at(fetchedAt), served)).toBeUndefined();
    expect(readCachedCatalogue(at(fetchedAt), 'eu-west-1')).toEqual(served);
    const almostADay = new Date(fetchedAt.getTime() + CATALOGUE_CACHE_MAX_AGE_MS);
    expect(readCachedCatalogue(at(almostADay), 'eu-west-1')).toEqual(served);
    const tooOld = new Date(almostADay.getTime() + 1);
    expect(readCachedCatalogue(at(tooOld), 'eu-west-1')).toBeUndefined();
    // A list dated well ahead of the clock (a clock set back) is not trusted either.
    expect(readCachedCatalogue(at(new Date(fetchedAt.getTime() - 3_600_000)), 'eu-west-1')).toBeUndefined();
  });

  it('keeps one file per region, private to the user, written whole', () => {
    writeCachedCatalogue(at(fetchedAt), served);
    const path = catalogueCachePath(directory, 'eu-west-1');
    expect(path).toBe(join(directory, 'models-eu-west-1.json'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    // The temporary file was renamed over the target: nothing else is left behind.
    expect(readdirSync(directory)).toEqual(['models-eu-west-1.json']);
    expect(readCachedCatalogue(at(fetchedAt), 'us-east-1')).toBeUndefined();
    writeCachedCatalogue(at(fetchedAt), { ...served, models: [] });
    expect(readCachedCatalogue(at(fetchedAt), 'eu-west-1')?.models).toEqual([]);
  });

  it('cannot be read by another user', () => {
    writeCachedCatalogue(at(fetchedAt), served);
    // The directory must be passable for the test to reach the file's own mode.
    chmodSync(root, 0o755);
    chmodSync(directory, 0o755);
    const read = spawnSync(
      'setpriv',
      [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        'cat',
        catalogueCachePath(directory, 'eu-west-1'),
      ],
      { encoding: 'utf8' },
    );
    expect(read.error).toBeUndefined();
    expect(read.status).not.toBe(0);
    expect(read.stderr).toContain('Permission denied');
  });

  it('ignores a corrupt, foreign or mislabelled file, silently', () => {
    writeCachedCatalogue(at(fetchedAt), served);
    const path = catalogueCachePath(directory, 'eu-west-1');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.slice(0, 40));
    expect(readCachedCatalogue(at(fetchedAt), 'eu-west-1')).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...served, version: 2 }));
    expect(readCachedCatalogue(at(fetchedAt), 'eu-west-1')).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...served, region: 'us-east-1' }));
    expect(readCachedCatalogue(at(fetchedAt), 'eu-west-1')).toBeUndefined();
    expect(readCachedCatalogue({ directory: join(root, 'missing') }, 'eu-west-1')).toBeUndefined();
  });

  it('returns the error instead of throwing when the directory cannot be made', () => {
    writeFileSync(join(root, 'a-file'), '');
    const error = writeCachedCatalogue({ directory: join(root, 'a-file', 'cache') }, served);
    expect(error).toBeInstanceOf(Error);
    expect(readdirSync(root).sort()).toEqual(['a-file']);
  });
});
