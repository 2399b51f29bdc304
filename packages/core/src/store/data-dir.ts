import { posix, win32 } from 'node:path';

/** The SQLite store's file inside the data directory. */
export const DATABASE_FILE_NAME = 'conversations.db';

const APP_DIRECTORY = 'bedrock-chat';

/**
 * Where bedrock-chat keeps conversations. Pure: pass `process.env`, `process.platform` and
 * `os.homedir()`.
 * - `BEDROCK_CHAT_HOME`, when set, is the directory itself (a relative one is relative to the cwd);
 * - Linux and other Unix: `$XDG_DATA_HOME/bedrock-chat`, else `~/.local/share/bedrock-chat`
 *   (a relative `XDG_DATA_HOME` is ignored, as the XDG spec says);
 * - macOS: `~/Library/Application Support/bedrock-chat`;
 * - Windows: `%LOCALAPPDATA%\bedrock-chat`, else `~\AppData\Local\bedrock-chat`.
 */
export function resolveDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.BEDROCK_CHAT_HOME) return env.BEDROCK_CHAT_HOME;
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local'), APP_DIRECTORY);
  }
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Application Support', APP_DIRECTORY);
  const xdgDataHome = env.XDG_DATA_HOME;
  const base =
    xdgDataHome && path.isAbsolute(xdgDataHome) ? xdgDataHome : path.join(homedir, '.local', 'share');
  return path.join(base, APP_DIRECTORY);
}

/** `resolveDataDir(…)/conversations.db`. */
export function resolveDatabasePath(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const path = platform === 'win32' ? win32 : posix;
  return path.join(resolveDataDir(env, platform, homedir), DATABASE_FILE_NAME);
}
