import { posix, win32 } from 'node:path';

const APP_DIRECTORY = 'bedrock-chat';

/**
 * Where bedrock-chat keeps what it can fetch again (the control plane's model list). Pure: pass
 * `process.env`, `process.platform` and `os.homedir()`.
 * - `BEDROCK_CHAT_HOME`, when set: its `cache` directory;
 * - Linux and other Unix: `$XDG_CACHE_HOME/bedrock-chat`, else `~/.cache/bedrock-chat` (a
 *   relative `XDG_CACHE_HOME` is ignored, as the XDG spec says);
 * - macOS: `~/Library/Caches/bedrock-chat`;
 * - Windows: `%LOCALAPPDATA%\bedrock-chat\Cache`, else `~\AppData\Local\bedrock-chat\Cache`.
 */
export function resolveCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  homedir: string,
): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.BEDROCK_CHAT_HOME) return path.join(env.BEDROCK_CHAT_HOME, 'cache');
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(homedir, 'AppData', 'Local'), APP_DIRECTORY, 'Cache');
  }
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Caches', APP_DIRECTORY);
  const xdgCacheHome = env.XDG_CACHE_HOME;
  const base = xdgCacheHome && path.isAbsolute(xdgCacheHome) ? xdgCacheHome : path.join(homedir, '.cache');
  return path.join(base, APP_DIRECTORY);
}
