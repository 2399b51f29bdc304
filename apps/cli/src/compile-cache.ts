import * as crypto from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { constants, Script } from 'node:vm';
import { makeDirectory, resolveCacheDir, writeFileAtomically } from '@bedrock-chat/core/paths';

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
 *
 * The bytecode decides what runs, and V8 (11.3, Node 20) checks of it only its version, flags and
 * the *length* of the source; a damaged payload of the right length crashes the process (the
 * payload checksum is verified in debug builds only: V8 11.3 flag-definitions.h,
 * `--verify-snapshot-checksum` defaults to DEBUG_BOOL). So each file starts with a header V8 never
 * sees: SHA-256 of the exact chunk source it was made from and of the payload, both checked before
 * the bytes reach V8 (as Node 22's own compile cache stores checksums of source and cache). And
 * since anyone who can write the files could compute those hashes, the cache directories (and
 * each file) are used only when owned by this user and not writable by group or others, as ssh
 * treats ~/.ssh (`trustedCacheDir`); otherwise the cache is neither read nor written, silently.
 */
export interface CompileCacheOptions {
  /** The directory of the chunks to cache (the CLI's dist); other modules load as usual. */
  chunkDir: string;
  /** Where the bytecode goes (created 0700 when needed). */
  cacheDir: string;
  /**
   * The directory under which `cacheDir` was made (the CLI's cache directory): every directory
   * from below it down to `cacheDir` must be trusted (`trustedCacheDir`).
   */
  trustRoot: string;
}

interface PendingEntry {
  script: Script;
  cacheFile: string;
  /** SHA-256 of the chunk's source, when this run already computed it. */
  sourceHash: Buffer | undefined;
  source: string;
}

/** A cache file: MAGIC, SHA-256 of the source, SHA-256 of the payload, then V8's payload. */
const MAGIC = Buffer.from('bccache1', 'latin1');
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;

/** `crypto.hash` (Node 20.12+) hashes a string in one call, without a Hash object. */
function sha256(data: string | Buffer): Buffer {
  return crypto.hash('sha256', data, 'buffer');
}

/** A cache file's bytes for V8's `payload` of the chunk source hashed to `sourceHash`. */
export function encodeCacheEntry(sourceHash: Buffer, payload: Buffer): Buffer {
  return Buffer.concat([MAGIC, sourceHash, sha256(payload), payload]);
}

/** The payload of a cache file made from exactly this source and undamaged, else undefined. */
function decodeCacheEntry(file: Buffer, sourceHash: Buffer): Buffer | undefined {
  if (file.length <= HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const storedSource = file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES);
  if (!storedSource.equals(sourceHash)) return undefined;
  const payload = file.subarray(HEADER_BYTES);
  const storedPayload = file.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES);
  return storedPayload.equals(sha256(payload)) ? payload : undefined;
}

/** The uid whose files we trust; undefined where there are no POSIX owners (Windows). */
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

/** Owned by us and writable by nobody else (what ssh asks of ~/.ssh). */
function trustedStats(stats: { uid: number; mode: number }): boolean {
  return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
}

/**
 * Whether every directory from below `root` down to `dir` is a real directory (lstat: no symlink
 * into someone else's directory) owned by us and not writable by group or others. Those are the
 * directories the cache creates; above them a swap needs a directory the attacker owns or a
 * symlink, which this refuses, and each file is checked again once open (`readTrustedFile`).
 */
export function trustedCacheDir(dir: string, root: string): boolean {
  const below = relative(root, dir);
  if (below === '' || below.startsWith('..')) return false;
  let current = root;
  for (const part of below.split(sep)) {
    current = join(current, part);
    try {
      const stats = lstatSync(current);
      if (!stats.isDirectory() || !trustedStats(stats)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Creates `dir` (0700) when needed; true when it is then a trusted cache directory. */
export function prepareCacheDir(dir: string, root: string): boolean {
  try {
    // Not `mkdirSync(…, { recursive: true })`: on Node 20 it spins at 100% CPU forever on some
    // unwritable trees (BEDROCK_CHAT_HOME=/proc/x hung every run); this one fails fast.
    makeDirectory(dir, 0o700);
  } catch {
    return false;
  }
  return trustedCacheDir(dir, root);
}

/** The file's bytes, when it is a regular file owned by us and writable by nobody else. */
function readTrustedFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || !trustedStats(stats)) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(fd, bytes, read, bytes.length - read, read);
      if (count === 0) return undefined;
      read += count;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
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
  const { cacheDir, trustRoot } = options;
  const pending: PendingEntry[] = [];
  const original = modulePrototype._compile;
  // Checked once, at the first chunk: a directory that does not exist yet is made (and checked)
  // when the cache is written.
  let dirState: 'unchecked' | 'trusted' | 'missing' | 'untrusted' = 'unchecked';
  modulePrototype._compile = function compileWithCache(content, filename, ...rest) {
    if (!filename.startsWith(chunkDir)) return original.call(this, content, filename, ...rest);
    if (dirState === 'unchecked') dirState = checkDir(cacheDir, trustRoot);
    if (dirState === 'untrusted') return original.call(this, content, filename, ...rest);
    const cacheFile = join(cacheDir, basename(filename));
    const file = dirState === 'trusted' ? readTrustedFile(cacheFile) : undefined;
    // Hashing the source (only of the chunks this run loads) is needed only to check a file.
    const sourceHash = file === undefined ? undefined : sha256(content);
    const cachedData =
      file === undefined || sourceHash === undefined ? undefined : decodeCacheEntry(file, sourceHash);
    const script = new Script(nodeModule.wrap(content), {
      filename,
      cachedData,
      // A chunk's import() of a Node built-in (the AWS SDK has a few) resolves as in any module.
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) {
      pending.push({ script, cacheFile, sourceHash, source: content });
    }
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
    if (pending.length > 0 && dirState !== 'untrusted') writeCache(pending, chunkDir, cacheDir, trustRoot);
  };
  process.once('exit', flush);
  return flush;
}

function checkDir(cacheDir: string, trustRoot: string): 'trusted' | 'missing' | 'untrusted' {
  try {
    lstatSync(cacheDir);
  } catch {
    return 'missing';
  }
  if (!trustedCacheDir(cacheDir, trustRoot)) return 'untrusted';
  touch(cacheDir);
  return 'trusted';
}

/** Marks a cache directory used now (its mtime), so pruning keeps it (`pruneCacheSiblings`). */
function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Not ours to touch after all: it is pruned sooner, which costs a compile.
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A flag-keyed cache directory unused this long is removed by the next run that writes a cache. */
export const FLAG_DIR_MAX_IDLE_MS = 7 * DAY_MS;
/** A temp file left by a crash between write and rename is removed after this long. */
export const TEMP_FILE_MAX_AGE_MS = DAY_MS;
/** `<install>-<flags>` (compileCacheDir): one per set of Node flags, the ones that pile up. */
const FLAG_KEYED = /^[0-9a-f]{8}-[0-9a-f]{8}$/;

/** A real directory or file (lstat: a symlink is never followed) owned by this user. */
function ownedEntry(path: string, kind: 'directory' | 'file'): { mtimeMs: number } | undefined {
  try {
    const stats = lstatSync(path);
    const isKind = kind === 'directory' ? stats.isDirectory() : stats.isFile();
    return isKind && (uid === undefined || stats.uid === uid) ? stats : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the flag-keyed siblings of `cacheDir` (other NODE_OPTIONS/execArgv sets: a per-job
 * `--require`, an `--inspect` port) not used for FLAG_DIR_MAX_IDLE_MS, by their mtime, which each
 * run that uses one touches. Only real directories owned by this user go; a symlink or another
 * user's directory stays. `cacheDir` and its parent were checked trusted by the caller.
 */
function pruneCacheSiblings(cacheDir: string, now: number): void {
  const parent = dirname(cacheDir);
  const own = basename(cacheDir);
  for (const name of readdirSync(parent)) {
    if (name === own || !FLAG_KEYED.test(name)) continue;
    const sibling = join(parent, name);
    const stats = ownedEntry(sibling, 'directory');
    if (stats !== undefined && now - stats.mtimeMs > FLAG_DIR_MAX_IDLE_MS) {
      rmSync(sibling, { recursive: true, force: true });
    }
  }
}

function writeCache(
  pending: readonly PendingEntry[],
  chunkDir: string,
  cacheDir: string,
  trustRoot: string,
): void {
  try {
    // Before serialising any bytecode (~20 ms for a first `ask`): a cache directory we may not
    // write, or should not trust, costs nothing.
    if (!prepareCacheDir(cacheDir, trustRoot)) return;
    for (const { script, cacheFile, sourceHash, source } of pending) {
      const entry = encodeCacheEntry(sourceHash ?? sha256(source), script.createCachedData());
      // Written whole under a random name (O_EXCL: never through a planted link), then renamed:
      // a process starting meanwhile reads the old file or the new one.
      writeFileAtomically(cacheFile, entry);
    }
    // Chunk names carry a hash of their content: entries for chunks no longer shipped are stale.
    const current = new Set(readdirSync(chunkDir));
    const now = Date.now();
    for (const entry of readdirSync(cacheDir)) {
      if (current.has(entry)) continue;
      const path = join(cacheDir, entry);
      if (!entry.endsWith('.tmp')) {
        rmSync(path, { force: true });
        continue;
      }
      // Another run's temp file may be about to be renamed; one a day old was left by a crash.
      const stats = ownedEntry(path, 'file');
      if (stats !== undefined && now - stats.mtimeMs > TEMP_FILE_MAX_AGE_MS) rmSync(path, { force: true });
    }
    touch(cacheDir);
    pruneCacheSiblings(cacheDir, now);
  } catch {
    // A read-only or full disk (EACCES at the first write): the next run compiles again.
  }
}

/**
 * Where the bytecode of the chunks in `chunkDir` goes: under the CLI's cache directory, one
 * directory per Node version and architecture (V8 takes only its own bytecode), per install (two
 * installed versions would otherwise prune each other's entries) and per set of Node and V8 flags
 * (`execArgv` and NODE_OPTIONS): V8 rejects bytecode made under other flags (`--max-old-space-size`,
 * `--stack-size` …), so runs alternating between two sets would otherwise rewrite every file each
 * time. Keying by all of them, not only those V8 hashes, costs a flag that does not matter (e.g.
 * `--enable-source-maps`) no more than a cache of its own; runs without flags keep the plain name.
 */
export function compileCacheDir(
  chunkDir: string,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
  execArgv: readonly string[] = [],
): string {
  const install = fnv1a(chunkDir).toString(16).padStart(8, '0');
  const nodeOptions = env.NODE_OPTIONS?.trim() ?? '';
  const flags =
    execArgv.length === 0 && nodeOptions === ''
      ? ''
      : `-${fnv1a(JSON.stringify([execArgv, nodeOptions]))
          .toString(16)
          .padStart(8, '0')}`;
  return join(
    cliCacheDir(env, process.platform, homedir),
    'code',
    `${process.version}-${process.arch}`,
    `${install}${flags}`,
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
 * The CLI's cache directory: core's `resolveCacheDir`, from `@bedrock-chat/core/paths` (bundled
 * into the CLI's start-up chunk with node:path alone, so start-up still does not load core).
 */
export const cliCacheDir = resolveCacheDir;
