import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { BedrockChatError } from '../../errors/bedrock-chat-error.js';

const require = createRequire(import.meta.url);
let loadedPath: string | undefined;

/** better-sqlite3's native addon is not where its install puts it (its build script did not run). */
function addonMissing(): BedrockChatError {
  return new BedrockChatError({
    code: 'STORE_UNAVAILABLE',
    message:
      "The conversation store cannot open: better-sqlite3's native addon is not built (no build/Release/better_sqlite3.node).",
    hint: `Its install script did not run: rebuild it (\`npm rebuild better-sqlite3\`; with pnpm, \`pnpm approve-builds\` and reinstall).`,
  });
}

function quoted(path: string): string {
  if (/^[\w@%+=:,./\\-]+$/.test(path)) return path;
  return process.platform === 'win32' ? `"${path}"` : `'${path.replaceAll("'", "'\\''")}'`;
}

/**
 * The command that rebuilds the addon where it is installed: in a pnpm layout
 * (`…/node_modules/.pnpm/better-sqlite3@…`) `pnpm rebuild` from the project that holds it, else
 * `npm rebuild` from the package whose node_modules holds better-sqlite3 (a global npm install of
 * the CLI keeps it in the CLI's own node_modules).
 */
export function rebuildCommand(addonPath: string): string {
  const pnpmStore = addonPath.indexOf(`${sep}node_modules${sep}.pnpm${sep}`);
  if (pnpmStore > 0) return `cd ${quoted(addonPath.slice(0, pnpmStore))} && pnpm rebuild better-sqlite3`;
  const npmPackage = addonPath.lastIndexOf(`${sep}node_modules${sep}better-sqlite3${sep}`);
  if (npmPackage > 0) return `cd ${quoted(addonPath.slice(0, npmPackage))} && npm rebuild better-sqlite3`;
  return 'npm rebuild better-sqlite3';
}

/**
 * The addon was found but does not load. The usual cause is a Node.js switch (a version manager):
 * the addon was compiled for one NODE_MODULE_VERSION and this Node.js needs another. Anything else
 * (another CPU architecture, a missing system library) is fixed by the same rebuild.
 */
export function addonUnloadable(addonPath: string, cause: unknown): BedrockChatError {
  const text = cause instanceof Error ? cause.message : String(cause);
  const versions =
    /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(text);
  const rebuild = `\`${rebuildCommand(addonPath)}\``;
  if (versions) {
    const [, builtFor, required] = versions;
    return new BedrockChatError({
      code: 'STORE_UNAVAILABLE',
      message: `The conversation store cannot open: better-sqlite3's native addon was built for another Node.js version (NODE_MODULE_VERSION ${builtFor}; Node.js ${process.version} needs ${required}).`,
      hint: `This follows a switch of Node.js version. Rebuild it with the Node.js you run bedrock-chat with: ${rebuild}.`,
      cause,
      details: { addonPath, builtFor: Number(builtFor), required: Number(required) },
    });
  }
  return new BedrockChatError({
    code: 'STORE_UNAVAILABLE',
    message: `The conversation store cannot open: better-sqlite3's native addon does not load (${text.split('\n')[0]}).`,
    hint: `Rebuild it for this machine and Node.js ${process.version}: ${rebuild}.`,
    cause,
    details: { addonPath },
  });
}

/**
 * The path of better-sqlite3's addon, where its install puts it, once it has loaded. Passing the
 * path to better-sqlite3 skips the `bindings` package's search (a few milliseconds of every CLI
 * command that opens the store), and the CLI bundle, which inlines better-sqlite3's JavaScript,
 * cannot run `bindings` at all. Loading it here first (better-sqlite3's own `require` then gets
 * the cached module) turns a missing or unloadable addon into STORE_UNAVAILABLE with the command
 * that fixes it.
 */
export function loadSqliteAddon(): string {
  if (loadedPath !== undefined) return loadedPath;
  let path: string | undefined;
  for (const build of ['Release', 'Debug']) {
    try {
      path = require.resolve(`better-sqlite3/build/${build}/better_sqlite3.node`);
      break;
    } catch {
      // Not built there.
    }
  }
  if (path === undefined) throw addonMissing();
  // URI filenames (for `immutable=1`, see sqlite-open-read-only.ts) are off in better-sqlite3's
  // build; its addon turns them on when SQLITE_USE_URI=1 is set while it loads (src/addon.cpp).
  const previous = process.env.SQLITE_USE_URI;
  process.env.SQLITE_USE_URI = '1';
  try {
    require(path);
  } catch (error) {
    throw addonUnloadable(path, error);
  } finally {
    if (previous === undefined) delete process.env.SQLITE_USE_URI;
    else process.env.SQLITE_USE_URI = previous;
  }
  loadedPath = path;
  return path;
}
