import { redactSecrets, secretFlagValues } from '@bedrock-chat/core';
import { type Environment, expandEnv, redactValues, referencedValues } from './expand-env.js';
import { expandableStrings, type McpServerConfig } from './server-config.js';

/** Shorter values are left out: redacting `1` or `on` would garble a message, hiding nothing. */
const MIN_SECRET_LENGTH = 4;

/** `value` expanded, or undefined when a `${VAR}` in it is unset (the literal is still listed). */
function expandedOrUndefined(value: string, env: Environment): string | undefined {
  try {
    return expandEnv(value, env, 'secret');
  } catch {
    return undefined;
  }
}

/**
 * What no message about this server may repeat: every value of its `env` and `headers` (as
 * written and as expanded: a literal `API_KEY=…` is as secret as a `${VAR}`), the value of every
 * secret-named flag in its `args` (`--api-key X`, `--token=X`), and every value a `${VAR}` in its
 * config takes. Longest first, so a value is not half-replaced by a shorter one inside it.
 */
export function serverSecrets(config: McpServerConfig, env: Environment): string[] {
  const written =
    config.type === 'http'
      ? Object.values(config.headers ?? {})
      : [...Object.values(config.env ?? {}), ...secretFlagValues(config.args ?? [])];
  const found = new Set<string>(referencedValues(expandableStrings(config), env));
  for (const value of written) {
    found.add(value);
    const expanded = expandedOrUndefined(value, env);
    if (expanded !== undefined) found.add(expanded);
  }
  if (config.type !== 'http') {
    const expandedArgs = (config.args ?? []).map((arg) => expandedOrUndefined(arg, env) ?? arg);
    for (const value of secretFlagValues(expandedArgs)) found.add(value);
  }
  // A header is written whole (`Bearer x`): its token alone is also a secret.
  for (const value of [...found]) {
    const token = /^(?:Bearer|Basic)\s+(\S+)$/i.exec(value)?.[1];
    if (token !== undefined) found.add(token);
  }
  return [...found].filter((value) => value.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * A message about a server as it may reach a user: the server's own secrets replaced, then
 * core's one redaction (URL userinfo, secret-named query values and flags, API keys, bearer
 * tokens). The SDK's errors quote the raw URL; a server's stderr may quote its env.
 */
export function redactServerText(text: string, secrets: readonly string[]): string {
  return redactSecrets(redactValues(text, secrets));
}
