import type { Environment } from './expand-reference.js';

// What a stdio server inherits from us besides its own `env`: the MCP SDK's safe list
// (@modelcontextprotocol/sdk 1.x `client/stdio.js`, DEFAULT_INHERITED_ENV_VARS and
// getDefaultEnvironment), kept here so that the CLI's early server start need not load the SDK.
// default-environment.test.ts checks it against the SDK's own.
const WINDOWS_VARIABLES = [
  'APPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PROCESSOR_ARCHITECTURE',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'USERNAME',
  'USERPROFILE',
  'PROGRAMFILES',
];
// The SDK's list is "inspired by the default env inheritance of sudo".
const POSIX_VARIABLES = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];

/** The variables of `env` a stdio server inherits: no credentials, no shell functions. */
export function defaultEnvironment(
  env: Environment = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of platform === 'win32' ? WINDOWS_VARIABLES : POSIX_VARIABLES) {
    const value = env[name];
    // A value starting with `()` is an exported shell function: a security risk, skipped.
    if (value !== undefined && !value.startsWith('()')) inherited[name] = value;
  }
  return inherited;
}
