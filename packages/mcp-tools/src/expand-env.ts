import { BedrockChatError } from '@bedrock-chat/core';
import { type Environment, expandReferences, REFERENCE } from './expand-reference.js';

export type { Environment } from './expand-reference.js';

/**
 * Expands `${VAR}` and `${VAR:-default}` in one value (expand-reference.ts). A variable that is
 * unset with no default fails, naming it: Claude Code's docs say such a config fails to parse, and
 * sending `${TOKEN}` literally as a header or argument would only fail later, less clearly.
 */
export function expandEnv(value: string, env: Environment, where: string): string {
  const expanded = expandReferences(value, env);
  if ('value' in expanded) return expanded.value;
  const name = expanded.missing;
  throw new BedrockChatError({
    code: 'MCP_CONFIG_INVALID',
    message: `${where} uses \${${name}}, which is not set.`,
    hint: `Set ${name} in the environment, or give a default: \${${name}:-value}.`,
  });
}

export function expandEach(values: readonly string[], env: Environment, where: string): string[] {
  return values.map((value) => expandEnv(value, env, where));
}

export function expandRecord(
  record: Readonly<Record<string, string>>,
  env: Environment,
  where: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, expandEnv(value, env, `${where} ${key}`)]),
  );
}

/**
 * The values a config's `${VAR}` references take in `env` (what expansion put into the command,
 * args, env, url or headers): the secrets a start-up error must not repeat, e.g. `spawn
 * /bin/<token> ENOENT`. Values shorter than 4 characters are left out: redacting them would
 * garble the message without hiding anything worth hiding.
 */
export function referencedValues(values: readonly string[], env: Environment): string[] {
  const found = new Set<string>();
  for (const value of values) {
    for (const match of value.matchAll(REFERENCE)) {
      const set = env[match[1] as string];
      if (set !== undefined && set.length >= 4) found.add(set);
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every one of `secrets` replaced by `[redacted]`. */
export function redactValues(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.split(secret).join('[redacted]');
  return redacted;
}
