import {
  accessSync,
  constants as fsConstants,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, dirname, join, posix, sep, win32 } from 'node:path';
import { constants, Script } from 'node:vm';

/**
 * A V8 code cache for the CLI's own chunks on Node versions without `module.enableCompileCache`
 * (Node 20; 22.1+ has it built in and bin.ts uses that instead). Compiling the ~1.5 MB of
 * JavaScript a one-shot `ask` loads (zod, core, the AWS SDK, commander) was a third of its
 * start-up; with the bytecode V8 produced on an earlier run, `ask` runs ~70 ms sooner.
 *
 * How: while installed, every chunk of `chunkDir` is compiled as Node compiles a CommonJS module
 * (the same wrapper, `require`, `module`, `exports`), but through `vm.Script` with the cached
 * bytecode when there is some. At exit, chunks that had none (or whose cache V8 rejected, e.g.
 * after a Node upgrade) are written, after running, so the cache holds the functions this run
 * compiled. Failing to read or write the cache is never an error: the chunk compiles as usual.
 */
export interface CompileCacheOptions {
  /** The directory of the chunks to cache (the CLI's dist); other modules load as usual. */
  chunkDir: string;
  /** Where the bytecode goes (created 0700 when needed). */
  cacheDir: string;
}

interface PendingEntry {
  script: Script;
  cacheFile: string;
}

/** `Module.prototype._compile`: Node's private hook for a CommonJS module's source. */
type CompileFunction = (
  this: NodeJS.Module,
  content: string,
  filename: string,
  ...rest: unknown[]
) => unknown;
const modulePrototype = (nodeModule.Module as unknown as { prototype: { _compile: CompileFunction } })
  .prototype;

/**
 * Installs the cache; returns `flush`, which writes what this run compiled anew (also run at
 * exit, once) and puts Node's own compiler back.
 */
export function installCompileCache(options: CompileCacheOptions): () => void {
  const chunkDir = options.chunkDir.endsWith(sep) ? options.chunkDir : `${options.chunkDir}${sep}`;
  const { cacheDir } = options;
  const pending: PendingEntry[] = [];
  const original = modulePrototype._compile;
  modulePrototype._compile = function compileWithCache(content, filename, ...rest) {
    if (!filename.startsWith(chunkDir)) return original.call(this, content, filename, ...rest);
    const cacheFile = join(cacheDir, basename(filename));
    const cachedData = readCache(cacheFile);
    const script = new Script(nodeModule.wrap(content), {
      filename,
      cachedData,
      // A chunk's import() of a Node built-in (the AWS SDK has a few) resolves as in any module.
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, cacheFile });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = nodeModule.createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    modulePrototype._compile = original;
    process.off('exit', flush);
    if (pending.length > 0) writeCache(pending, chunkDir, cacheDir);
  };
  process.once('exit', flush);
  return flush;
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

function writeCache(pending: readonly PendingEntry[], chunkDir: string, cacheDir: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // Before serialising any bytecode (~20 ms for a first `ask`): a read-only cache costs nothing.
    accessSync(cacheDir, fsConstants.W_OK);
    for (const { script, cacheFile } of pending) {
      // Written whole, then renamed: a process starting meanwhile reads the old file or the new one.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
      renameSync(partial, cacheFile);
    }
    // Chunk names carry a hash of their content: entries for chunks no longer shipped are stale.
    const current = new Set(readdirSync(chunkDir));
    for (const entry of readdirSync(cacheDir)) {
      if (!current.has(entry) && !entry.endsWith('.tmp')) rmSync(join(cacheDir, entry), { force: true });
    }
  } catch {
    // A read-only or full disk: the next run compiles again, nothing else changes.
  }
}

/**
 * Where the bytecode of the chunks in `chunkDir` goes: under the CLI's cache directory, one
 * directory per Node version and architecture (V8 takes only its own bytecode) and per install
 * (two installed versions would otherwise prune each other's entries).
 */
export function compileCacheDir(
  chunkDir: string,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
): string {
  const install = fnv1a(chunkDir).toString(16).padStart(8, '0');
  return join(
    cliCacheDir(env, process.platform, homedir),
    'code',
    `${process.version}-${process.arch}`,
    install,
  );
}

/** FNV-1a, 32 bits: a short stable name for a path, without loading node:crypto at start-up. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * core's `resolveCacheDir`, spelled out so that start-up does not load core (a test keeps the
 * two equal).
 */
export function cliCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.BEDROCK_CHAT_HOME) return path.join(env.BEDROCK_CHAT_HOME, 'cache');
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local'), 'bedrock-chat', 'Cache');
  }
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Caches', 'bedrock-chat');
  const xdgCacheHome = env.XDG_CACHE_HOME;
  const base = xdgCacheHome && path.isAbsolute(xdgCacheHome) ? xdgCacheHome : path.join(homedir, '.cache');
  return path.join(base, 'bedrock-chat');
}
