/**
 * `@bedrock-chat/core/paths`: where the config file lives, without loading the rest of core (zod,
 * the AWS SDK). The CLI's early MCP server start reads its server list (beside `config.json`)
 * before core loads; the CLI's code cache finds its directory with `resolveCacheDir` and creates its directories with `makeDirectory` (Node 20's
 * recursive `mkdirSync` can spin forever on some unwritable trees), and writes its files with
 * `writeFileAtomically` (a random temporary name, created exclusively, renamed into place).
 */

export { resolveCacheDir } from './config/cache-dir.js';
export { type PathEnvironment, resolveConfigFilePath } from './config/config-paths.js';
export { makeDirectory } from './files/make-directory.js';
export { writeFileAtomically } from './files/write-file-atomically.js';
