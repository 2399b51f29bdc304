import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCacheDir } from '@bedrock-chat/core';
import { describe, it } from 'vitest';
import { cliCacheDir, compileCacheDir, installCompileCache } from './compile-cache.js';

const require = createRequire(import.meta.url);

/** A dist directory with two chunks, the first requiring the second, and an empty cache. */
function fixture(onTestFinished: (cleanup: () => void) => void) {
  const root = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const chunkDir = join(root, 'dist');
  mkdirSync(chunkDir);
  writeFileSync(
    join(chunkDir, 'main-a1.cjs'),
    "const { double } = require('./util-b2.cjs');\nexports.answer = (n) => `${double(n)} from ${__filename.split('/').pop()}`;\nexports.builtin = () => import('node:path').then((path) => path.sep);\n",
  );
  writeFileSync(join(chunkDir, 'util-b2.cjs'), 'exports.double = (n) => n * 2;\n');
  const outside = join(root, 'outside.cjs');
  writeFileSync(outside, 'exports.value = 7;\n');
  return { root, chunkDir, cacheDir: join(root, 'cache'), outside };
}

/** Loads the chunks afresh (as a new process would), with the cache installed; returns the results. */
async function loadOnce(paths: { chunkDir: string; cacheDir: string }) {
  for (const name of readdirSync(paths.chunkDir)) delete require.cache[join(paths.chunkDir, name)];
  const flush = installCompileCache(paths);
  try {
    const main = require(join(paths.chunkDir, 'main-a1.cjs')) as {
      answer(n: number): string;
      builtin(): Promise<string>;
    };
    return { answer: main.answer(21), sep: await main.builtin() };
  } finally {
    flush();
  }
}

describe('installCompileCache', () => {
  it('runs the chunks as Node would and keeps their bytecode for the next run', async ({
    expect,
    onTestFinished,
  }) => {
    const paths = fixture(onTestFinished);
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(readdirSync(paths.cacheDir).sort()).toEqual(['main-a1.cjs', 'util-b2.cjs']);
    expect(statSync(paths.cacheDir).mode & 0o777).toBe(0o700);
    const written = readFileSync(join(paths.cacheDir, 'main-a1.cjs'));
    expect(written.length).toBeGreaterThan(0);

    // The next run reads the cache, which V8 accepts: nothing is written again.
    writeFileSync(join(paths.cacheDir, 'marker'), '');
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(readFileSync(join(paths.cacheDir, 'main-a1.cjs')).equals(written)).toBe(true);
    // `marker` names no chunk, but nothing was written, so nothing was pruned either.
    expect(readdirSync(paths.cacheDir)).toContain('marker');
  });

  it('replaces a damaged cache file, prunes entries of chunks no longer shipped, leaves other modules alone', async ({
    expect,
    onTestFinished,
  }) => {
    const paths = fixture(onTestFinished);
    mkdirSync(paths.cacheDir);
    writeFileSync(join(paths.cacheDir, 'main-a1.cjs'), 'not bytecode');
    writeFileSync(join(paths.cacheDir, 'old-c3.cjs'), 'from an older version');
    const flush = installCompileCache(paths);
    onTestFinished(flush);
    expect((require(paths.outside) as { value: number }).value).toBe(7);
    flush();
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(readdirSync(paths.cacheDir).sort()).toEqual(['main-a1.cjs', 'util-b2.cjs']);
    expect(readFileSync(join(paths.cacheDir, 'main-a1.cjs'), 'utf8')).not.toBe('not bytecode');
  });

  it('works without a cache when the cache directory cannot be written', async ({
    expect,
    onTestFinished,
  }) => {
    const paths = fixture(onTestFinished);
    // A file where the directory should be: mkdir fails, as on a read-only disk.
    writeFileSync(paths.cacheDir, '');
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
  });
});

describe('compile cache directory', () => {
  it("is core's cache directory, spelled out so start-up does not load core", ({ expect }) => {
    const cases: [Record<string, string | undefined>, NodeJS.Platform][] = [
      [{}, 'linux'],
      [{ XDG_CACHE_HOME: '/xdg' }, 'linux'],
      [{ XDG_CACHE_HOME: 'relative' }, 'linux'],
      [{ BEDROCK_CHAT_HOME: '/data' }, 'linux'],
      [{}, 'darwin'],
      [{}, 'win32'],
      [{ LOCALAPPDATA: 'C:\\Local' }, 'win32'],
    ];
    for (const [env, platform] of cases) {
      expect(cliCacheDir(env, platform, '/home/ann')).toBe(resolveCacheDir(env, platform, '/home/ann'));
    }
  });

  it('has a directory per Node version and per install', ({ expect }) => {
    const env = { BEDROCK_CHAT_HOME: '/data' };
    const one = compileCacheDir('/usr/lib/node_modules/@bedrock-chat/cli/dist', env, '/home/ann');
    expect(one.startsWith(join('/data', 'cache', 'code', `${process.version}-${process.arch}`))).toBe(true);
    expect(compileCacheDir('/home/ann/.npm/_npx/1/dist', env, '/home/ann')).not.toBe(one);
    expect(compileCacheDir('/usr/lib/node_modules/@bedrock-chat/cli/dist', env, '/home/ann')).toBe(one);
  });
});
