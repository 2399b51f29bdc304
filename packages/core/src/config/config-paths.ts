import { homedir as osHomedir } from 'node:os';
import { join } from 'node:path';

export interface PathEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/**
 * Where `config.json` lives: `BEDROCK_CHAT_CONFIG` (a file) > `BEDROCK_CHAT_HOME/config.json` >
 * the platform's config directory (`$XDG_CONFIG_HOME/bedrock-chat`, `~/.config/bedrock-chat`,
 * `%APPDATA%\bedrock-chat`).
 */
export function resolveConfigFilePath({
  env,
  platform = process.platform,
  homedir,
}: PathEnvironment): string {
  if (env.BEDROCK_CHAT_CONFIG) return env.BEDROCK_CHAT_CONFIG;
  if (env.BEDROCK_CHAT_HOME) return join(env.BEDROCK_CHAT_HOME, 'config.json');
  const home = homedir ?? env.HOME ?? osHomedir();
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'bedrock-chat', 'config.json');
  }
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'bedrock-chat', 'config.json');
}
