import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { cliCacheDir, compileCacheDir, installCompileCache, prepareCacheDir } from './compile-cache.js';
import { exitCodeAfterOutput, guardProcessOutput } from './process-output.js';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  // The fast path: no commander, no core, no SDK; its output settles as every command's does
  // (a full disk is exit 1 with one line, a reader that left is exit 0, never a stack trace).
  const stdout = guardProcessOutput(process.stdout);
  stdout.write(`${VERSION}\n`);
  void exitCodeAfterOutput(0, stdout, guardProcessOutput(process.stderr)).then((exitCode) => {
    process.exitCode = exitCode;
  });
} else {
  startCompileCache();
  // The SDK's multi-line NodeVersionSupportWarning would land in every reply's stderr; `doctor`
  // mentions it once instead. Set before the SDK loads; a value the user set wins.
  if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  // The build is CommonJS (a code cache needs it on Node 20): no top-level await.
  void import('./main.js')
    .then(({ main }) => main(argv))
    .then((exitCode) => {
      process.exitCode = exitCode;
    });
}

/**
 * Keeps V8's compiled code for our chunks on disk between runs (as tsc does): Node 22.1+ has
 * `module.enableCompileCache`; on Node 20 our own cache does the same for the CLI's chunks
 * (compile-cache.ts). NODE_DISABLE_COMPILE_CACHE=1, Node's switch for its cache, turns both off.
 * Both use only a cache directory owned by this user and writable by no one else: the cached
 * code is what runs (Node checksums its files, but whoever can write them can compute those).
 */
function startCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  // This file is dist/bin.cjs: its siblings are the chunks.
  const chunkDir = __dirname;
  const trustRoot = cliCacheDir(process.env, process.platform, homedir());
  const cacheDir = compileCacheDir(chunkDir, process.env, homedir(), process.execArgv);
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (enable !== undefined) {
    // Without a directory Node uses path.join(os.tmpdir(), 'node-compile-cache'), shared by every
    // user (Node 22 docs, module.enableCompileCache). NODE_COMPILE_CACHE is the user's own choice
    // of directory: Node has enabled it already.
    if (process.env.NODE_COMPILE_CACHE === undefined && prepareCacheDir(cacheDir, trustRoot))
      enable(cacheDir);
    return;
  }
  installCompileCache({ chunkDir, cacheDir, trustRoot });
}
