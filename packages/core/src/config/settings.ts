import { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { LATENCY_MODES, SERVICE_TIERS } from '../models/model-info.js';
import { isStoreSetting } from '../store/store-setting-text.js';
import { isAwsRegion } from './aws-regions.js';

/**
 * The longest timeout: a day of silence. Node's timers hold at most 2^31-1 ms (~24.8 days); past
 * that a timer fires after 1 ms, so a huge timeout would fail every call at once as a TIMEOUT.
 */
export const MAX_TIMEOUT_MS = 86_400_000;

/**
 * The most model calls a tool loop may be set to make from a flag, `config set` or the config
 * file: a runaway loop bills every step, and no task the CLI runs needs more.
 */
export const MAX_STEPS_LIMIT = 100;

/**
 * The one rule for each setting, whichever source it comes from: a flag, `config set`, the config
 * file, an environment variable, the env file or a library option.
 */
export const SETTING_SCHEMAS = {
  // Blank is no model: resolveModel trims, so "  " would reach Bedrock as an empty model id.
  model: z.string().refine((model) => model.trim() !== '', 'a model name cannot be empty'),
  region: z.string().refine(isAwsRegion, 'must be an AWS region such as us-east-1'),
  profile: z.string().min(1),
  system: z.string(),
  temperature: z.number().min(0).max(1),
  maxTokens: z.number().int().positive(),
  endpointUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  timeoutMs: z.number().int().min(1).max(MAX_TIMEOUT_MS),
  maxAttempts: z.number().int().min(1).max(10),
  retryMode: z.enum(['standard', 'adaptive']),
  store: z.string().refine(isStoreSetting, 'must be sqlite or dynamodb://<table>[?region=<region>]'),
  /** Bedrock's service tier (`serviceTier`); see models/service-tiers.ts. */
  tier: z.enum(SERVICE_TIERS),
  latency: z.enum(LATENCY_MODES),
  /** How many model calls a tool loop may make (core's DEFAULT_MAX_STEPS when unset). */
  maxSteps: z.number().int().min(1).max(MAX_STEPS_LIMIT),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<Key extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[Key]>;

/** What a valid value looks like, for messages. */
export const SETTING_EXPECTED: Record<SettingKey, string> = {
  model: 'a model alias or id, such as sonnet',
  region: 'an AWS region such as us-east-1',
  profile: 'an AWS profile name',
  system: 'text',
  temperature: 'a number from 0 to 1',
  maxTokens: 'a positive whole number',
  endpointUrl: 'an http(s) URL such as http://127.0.0.1:4000',
  timeoutMs: `a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (a day)`,
  maxAttempts: 'a whole number from 1 to 10',
  retryMode: 'standard or adaptive',
  store: 'sqlite or dynamodb://<table>[?region=<region>]',
  tier: 'priority, default or flex',
  latency: 'standard or optimized',
  maxSteps: `a whole number of model calls from 1 to ${MAX_STEPS_LIMIT}`,
};

const DECIMAL = new Set<SettingKey>(['temperature']);
const INTEGER = new Set<SettingKey>(['maxTokens', 'timeoutMs', 'maxAttempts', 'maxSteps']);
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// A count is written as plain digits: `1e3`, `+3`, `0x10`, `3.0` and ` 3` are not counts a person
// types on purpose, and Number() would quietly turn each into one.
const INTEGER_TEXT = /^\d+$/;

// Read by the AWS SDK and CLI too, which take surrounding whitespace in a variable; so do we there.
const SHARED_WITH_AWS = new Set<SettingKey>(['maxAttempts', 'retryMode']);
const SURROUNDING_ASCII_SPACE = /^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g;

function settingValueOf(key: SettingKey, raw: string): unknown {
  if (INTEGER.has(key)) return INTEGER_TEXT.test(raw) ? Number(raw) : Number.NaN;
  if (DECIMAL.has(key)) {
    const trimmed = raw.trim();
    return DECIMAL_TEXT.test(trimmed) ? Number(trimmed) : Number.NaN;
  }
  return raw;
}

export interface SettingTextOptions {
  /** Names the source in the message: `--region`, `AWS_REGION`, `AWS_REGION in ./.env` … */
  label: string;
  /** CONFIG_INVALID (the default) or INVALID_INPUT: both are the user's input (CLI exit 2). */
  code?: Extract<ErrorCode, 'CONFIG_INVALID' | 'INVALID_INPUT'> | undefined;
  hint?: string | undefined;
  /**
   * The text is an environment variable (the process's or an env file's): a count or a retry mode
   * may carry surrounding ASCII whitespace, as the AWS SDK and CLI allow. Flags and `config set`
   * keep the strict rule.
   */
  fromEnvironment?: boolean | undefined;
}

/** Converts a setting's text (a flag, a variable) to its type and checks it, naming the source. */
export function parseSettingText<Key extends SettingKey>(
  key: Key,
  raw: string,
  options: SettingTextOptions,
): SettingValue<Key> {
  const lenient = options.fromEnvironment === true && (INTEGER.has(key) || SHARED_WITH_AWS.has(key));
  const text = lenient ? raw.replace(SURROUNDING_ASCII_SPACE, '') : raw;
  return checkSetting(key, settingValueOf(key, text), { ...options, shown: raw });
}

/** Checks a setting that already has its type (a library option, a profile's region). */
export function checkSetting<Key extends SettingKey>(
  key: Key,
  value: unknown,
  options: SettingTextOptions & { shown?: string | undefined },
): SettingValue<Key> {
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (parsed.success) return parsed.data as SettingValue<Key>;
  // Quoted as JSON: a stray CR, tab or escape sequence shows as \r, \t, \u001b, not as nothing.
  const shown = JSON.stringify(redactSecrets(options.shown ?? String(value)).slice(0, 200));
  throw new BedrockChatError({
    code: options.code ?? 'CONFIG_INVALID',
    message: `${options.label} must be ${SETTING_EXPECTED[key]} (got ${shown}).`,
    hint: options.hint,
    details: { setting: key, source: options.label },
  });
}
