import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, Script } from 'node:vm';
import { resolveCacheDir } from '@bedrock-chat/core';
import { describe, it } from 'vitest';
import {
  cliCacheDir,
  compileCacheDir,
  encodeCacheEntry,
  installCompileCache,
  prepareCacheDir,
} from './compile-cache.js';

const require = createRequire(import.meta.url);

/** A dist directory with two chunks, the first requiring the second, and an empty cache. */
function fixture(onTestFinished: (cleanup: () => void) => void) {
  const root = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const chunkDir = join(root, 'dist');
  mkdirSync(chunkDir);
  writeFileSync(
    join(chunkDir, 'main-a1.cjs'),
    "const { double } = require('./util-b2.cjs');\nexports.answer = (n) => `${double(n)} from ${__filename.split('/').pop()}`;\nexports.builtin = () => import('node:path').then((path) => path.sep);\n" +
      `${PADDING}\n`,
  );
  writeFileSync(join(chunkDir, 'util-b2.cjs'), 'exports.double = (n) => n * 2;\n');
  const outside = join(root, 'outside.cjs');
  writeFileSync(outside, 'exports.value = 7;\n');
  return { root, chunkDir, cacheDir: join(root, 'cache'), trustRoot: root, outside };
}

/** The last line of main-a1.cjs, which `plantInjected` replaces with code of the same length. */
const PADDING = '// a comment as long as the planted statement';
const INJECTED = 'globalThis.__injected = "planted bytecode";';

/**
 * What someone who can write the cache directory could do: bytecode of a same-length different
 * source under a valid header (whose hashes anyone can compute). V8 checks only the length.
 */
function plantInjected(paths: { chunkDir: string; cacheDir: string }) {
  const filename = join(paths.chunkDir, 'main-a1.cjs');
  const source = readFileSync(filename, 'utf8');
  const crafted = source.replace(PADDING, INJECTED.padEnd(PADDING.length));
  if (crafted.length !== source.length) throw new Error('the crafted source must keep the length');
  const script = new Script(wrap(crafted), {
    filename,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const sourceHash = createHash('sha256').update(source).digest();
  mkdirSync(paths.cacheDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(paths.cacheDir, 'main-a1.cjs'),
    encodeCacheEntry(sourceHash, script.createCachedData()),
    {
      mode: 0o600,
    },
  );
}

/** Whether the last load ran planted bytecode (and forgets it). */
function ranInjected(): boolean {
  const global = globalThis as { __injected?: string };
  const ran = global.__injected === 'planted bytecode';
  delete global.__injected;
  return ran;
}

/** Loads the chunks afresh (as a new process would), with the cache installed; returns the results. */
async function loadOnce(paths: { chunkDir: string; cacheDir: string; trustRoot: string }) {
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

  it('removes flag-keyed sibling directories unused for 7 days and its own temp files older than a day', async ({
    expect,
    onTestFinished,
  }) => {
    const base = fixture(onTestFinished);
    const versionDir = join(base.root, 'code');
    const paths = { ...base, cacheDir: join(versionDir, '0123abcd-11111111') };
    const days = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
    const dirAged = (name: string, age: number, owner?: number) => {
      const dir = join(versionDir, name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, 'main-a1.cjs'), 'bytecode');
      if (owner !== undefined) chownSync(dir, owner, owner);
      utimesSync(dir, days(age), days(age));
      return dir;
    };
    mkdirSync(versionDir, { mode: 0o700 });
    dirAged('0123abcd-22222222', 8); // another NODE_OPTIONS, idle 8 days: removed
    dirAged('0123abcd-33333333', 6); // idle 6 days: kept
    dirAged('0123abcd', 30); // the plain (flagless) directory: kept
    dirAged('4567ef01-44444444', 8, 65534); // another user's: kept
    const outside = dirAged('elsewhere', 30);
    symlinkSync(outside, join(versionDir, '0123abcd-55555555')); // a link: never followed
    utimesSync(versionDir, days(30), days(30));
    // Our own cache directory, idle 8 days too but used now: kept (and touched).
    dirAged('0123abcd-11111111', 8);
    const staleTemp = join(paths.cacheDir, 'main-a1.cjs.0123456789abcdef.tmp');
    const freshTemp = join(paths.cacheDir, 'util-b2.cjs.fedcba9876543210.tmp');
    writeFileSync(staleTemp, 'left by a crash', { mode: 0o600 });
    utimesSync(staleTemp, days(2), days(2));
    writeFileSync(freshTemp, 'another run is writing', { mode: 0o600 });

    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(readdirSync(versionDir).sort()).toEqual([
      '0123abcd',
      '0123abcd-11111111',
      '0123abcd-33333333',
      '0123abcd-55555555',
      '4567ef01-44444444',
      'elsewhere',
    ]);
    expect(readdirSync(outside)).toEqual(['main-a1.cjs']);
    expect(readdirSync(paths.cacheDir).sort()).toEqual([
      'main-a1.cjs',
      'util-b2.cjs',
      'util-b2.cjs.fedcba9876543210.tmp',
    ]);
    expect(Date.now() - statSync(paths.cacheDir).mtimeMs).toBeLessThan(24 * 60 * 60 * 1000);

    // A run that only reads the cache marks its directory used.
    utimesSync(paths.cacheDir, days(8), days(8));
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(Date.now() - statSync(paths.cacheDir).mtimeMs).toBeLessThan(24 * 60 * 60 * 1000);
  });

  it('a same-length payload damaged in the middle (V8 would crash on it) is compiled anew and rewritten', async ({
    expect,
    onTestFinished,
  }) => {
    const paths = fixture(onTestFinished);
    await loadOnce(paths);
    const file = join(paths.cacheDir, 'main-a1.cjs');
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged.fill(0xff, damaged.length - 40, damaged.length - 32);
    writeFileSync(file, damaged);
    expect(await loadOnce(paths)).toEqual({ answer: '42 from main-a1.cjs', sep: '/' });
    expect(readFileSync(file).equals(damaged)).toBe(false);
    expect(readFileSync(file).length).toBe(good.length);
  });

  it('a chunk changed to a same-length source runs the new source, never the old bytecode', async ({
    expect,
    onTestFinished,
  }) => {
    const paths = fixture(onTestFinished);
    await loadOnce(paths);
    const chunk = join(paths.chunkDir, 'main-a1.cjs');
    writeFileSync(chunk, readFileSync(chunk, 'utf8').replace('from', 'FROM'));
    expect((await loadOnce(paths)).answer).toBe('42 FROM main-a1.cjs');

    // Bytecode planted for another source of that length under a valid header: V8 would run it.
    plantInjected(paths);
    writeFileSync(chunk, readFileSync(chunk, 'utf8').replace('FROM', 'from'));
    await loadOnce(paths);
    expect(ranInjected()).toBe(false);
  });

  it('reads and writes only a cache directory and files owned by this user and writable by no one else', async ({
    expect,
    onTestFinished,
  }) => {
    // In a directory we own and only we may write, a planted entry would run: the check is all
    // that stands between the two (root owns these files here; see the e2e test as nobody).
    const trusted = fixture(onTestFinished);
    plantInjected(trusted);
    // (The planted code runs; what it breaks afterwards does not matter here.)
    await loadOnce(trusted).catch(() => undefined);
    expect(ranInjected()).toBe(true);

    const untrusted = (arrange: (paths: ReturnType<typeof fixture>) => void) => {
      const paths = fixture(onTestFinished);
      plantInjected(paths);
      const planted = readFileSync(join(paths.cacheDir, 'main-a1.cjs'));
      arrange(paths);
      return { paths, planted };
    };
    const cases = {
      'a directory owned by another user': untrusted(({ cacheDir }) => chownSync(cacheDir, 65534, 65534)),
      'a group-writable directory': untrusted(({ cacheDir }) => chmodSync(cacheDir, 0o770)),
      'a world-writable directory on the way': untrusted(({ root, cacheDir }) => {
        const inner = join(cacheDir, 'inner');
        mkdirSync(inner, { mode: 0o700 });
        writeFileSync(join(inner, 'main-a1.cjs'), readFileSync(join(cacheDir, 'main-a1.cjs')), {
          mode: 0o600,
        });
        rmSync(join(cacheDir, 'main-a1.cjs'));
        chmodSync(cacheDir, 0o777);
        expect(root).not.toBe(cacheDir);
      }),
      'a file owned by another user': untrusted(({ cacheDir }) =>
        chownSync(join(cacheDir, 'main-a1.cjs'), 65534, 65534),
      ),
      'a group-writable file': untrusted(({ cacheDir }) => chmodSync(join(cacheDir, 'main-a1.cjs'), 0o620)),
    };
    for (const [name, { paths, planted }] of Object.entries(cases)) {
      const cacheDir = name.includes('on the way') ? join(paths.cacheDir, 'inner') : paths.cacheDir;
      expect(await loadOnce({ ...paths, cacheDir }), name).toEqual({
        answer: '42 from main-a1.cjs',
        sep: '/',
      });
      expect(ranInjected(), name).toBe(false);
      const file = join(cacheDir, 'main-a1.cjs');
      if (name.includes('file')) {
        // In our own directory, a file we do not trust is replaced by ours.
        expect(readdirSync(cacheDir).sort(), name).toEqual(['main-a1.cjs', 'util-b2.cjs']);
        expect(readFileSync(file).equals(planted), name).toBe(false);
        expect(statSync(file).uid, name).toBe(process.getuid?.());
      } else {
        // Nothing written to a directory we do not trust: its owner could replace it anyway.
        expect(readdirSync(cacheDir), name).toEqual(['main-a1.cjs']);
        expect(readFileSync(file).equals(planted), name).toBe(true);
      }
    }

    // A symlink to a directory is not followed (it may be someone else's).
    const linked = fixture(onTestFinished);
    const real = join(linked.root, 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, linked.cacheDir);
    await loadOnce(linked);
    expect(readdirSync(real)).toEqual([]);
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

  it('gives up at once on a cache directory under /proc (Node 20 recursive mkdir spun there forever)', ({
    expect,
  }) => {
    // Before: `mkdirSync(…, { recursive: true })` never returned here, so every run hung at exit.
    expect(prepareCacheDir('/proc/bedrock-chat-none/cache/code', '/proc/bedrock-chat-none/cache')).toBe(
      false,
    );
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

  it('has a directory per set of Node and V8 flags (execArgv, NODE_OPTIONS), the plain one without', ({
    expect,
  }) => {
    const dist = '/usr/lib/node_modules/@bedrock-chat/cli/dist';
    const env = { BEDROCK_CHAT_HOME: '/data' };
    const plain = compileCacheDir(dist, env, '/home/ann');
    const dirs = [
      plain,
      compileCacheDir(dist, env, '/home/ann', ['--max-old-space-size=4096']),
      compileCacheDir(dist, env, '/home/ann', ['--max-old-space-size=2048']),
      compileCacheDir(dist, env, '/home/ann', ['--stack-size=2000']),
      compileCacheDir(dist, { ...env, NODE_OPTIONS: '--max-old-space-size=4096' }, '/home/ann'),
    ];
    expect(new Set(dirs).size).toBe(dirs.length);
    expect(compileCacheDir(dist, env, '/home/ann', [])).toBe(plain);
    expect(compileCacheDir(dist, { ...env, NODE_OPTIONS: ' ' }, '/home/ann')).toBe(plain);
    expect(compileCacheDir(dist, env, '/home/ann', ['--stack-size=2000'])).toBe(dirs[3]);
    // Beside each other, under the same version directory the trust checks walk.
    expect(new Set(dirs.map((dir) => join(dir, '..'))).size).toBe(1);
  });
});
