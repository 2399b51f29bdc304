import {
  BedrockChatError,
  CONFIG_KEYS,
  type ConfigFile,
  ConfigFileSchema,
  type ConfigKey,
} from '@bedrock-chat/core';

/**
 * Values that flags and `config set` share (model, region, temperature …) are checked by core's
 * ConfigFileSchema (zod), so `-t 2` and `config set temperature 2` fail the same way.
 */
const NUMERIC_KEYS = new Set<ConfigKey>(['temperature', 'maxTokens', 'timeoutMs', 'maxAttempts']);

const EXPECTED: Record<ConfigKey, string> = {
  model: 'a model alias or id, such as sonnet',
  region: 'an AWS region such as us-east-1',
  profile: 'an AWS profile name',
  system: 'text',
  temperature: 'a number from 0 to 1',
  maxTokens: 'a positive whole number',
  endpointUrl: 'a URL such as http://127.0.0.1:4000',
  timeoutMs: 'a positive whole number of milliseconds',
  maxAttempts: 'a whole number from 1 to 10',
  retryMode: 'standard or adaptive',
};

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
 * Converts the text of a flag or `config set` value to the key's type and validates it.
 * `label` names it in the message (`--temperature`, or `temperature`).
 */
export function parseConfigValue<Key extends ConfigKey>(
  key: Key,
  raw: string,
  label: string,
): ConfigFile[Key] {
  let value: unknown = raw;
  if (NUMERIC_KEYS.has(key)) {
    const trimmed = raw.trim();
    value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  }
  const parsed = ConfigFileSchema.safeParse({ [key]: value });
  if (!parsed.success) {
    throw invalidInput(`${label} must be ${EXPECTED[key]} (got "${raw}").`);
  }
  return parsed.data[key];
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
