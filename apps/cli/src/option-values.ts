import {
  BedrockChatError,
  CONFIG_KEYS,
  type ConfigFile,
  type ConfigKey,
  parseSettingText,
} from '@bedrock-chat/core';

export function invalidInput(message: string, hint?: string): BedrockChatError {
  return new BedrockChatError({ code: 'INVALID_INPUT', message, hint });
}

/** `max-tokens`, `max_tokens` and `maxTokens` all name the key `maxTokens`. */
export function parseConfigKey(name: string): ConfigKey {
  const camel = name.trim().replace(/[-_]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  const key = CONFIG_KEYS.find((candidate) => candidate.toLowerCase() === camel.toLowerCase());
  if (key === undefined) {
    throw invalidInput(`Unknown config key "${name}".`, `Known keys: ${CONFIG_KEYS.join(', ')}.`);
  }
  return key;
}

/**
 * Converts the text of a flag or `config set` value to the key's type and validates it, by core's
 * one rule for the setting (the same that checks variables and the config file), so `-t 2` and
 * `config set temperature 2` fail the same way. `label` names it in the message (`--temperature`,
 * or `temperature`).
 */
export function parseConfigValue<Key extends ConfigKey>(
  key: Key,
  raw: string,
  label: string,
): ConfigFile[Key] {
  return parseSettingText(key, raw, { label, code: 'INVALID_INPUT' }) as ConfigFile[Key];
}

/** Parses an optional flag value; undefined stays undefined. */
export function optionalConfigValue<Key extends ConfigKey>(
  key: Key,
  raw: string | undefined,
  label: string,
): ConfigFile[Key] | undefined {
  return raw === undefined ? undefined : parseConfigValue(key, raw, label);
}

/** A whole number in a range, for flags that are not config keys (`--limit`). */
export function parseInteger(raw: string, label: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(`${label} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}
