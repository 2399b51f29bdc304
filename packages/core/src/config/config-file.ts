import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { makeDirectory } from '../files/make-directory.js';
import { writeFileAtomically } from '../files/write-file-atomically.js';
import { SETTING_EXPECTED, SETTING_SCHEMAS } from './settings.js';

/** Defaults a user persists with `bedrock-chat config set`. Unknown keys are rejected. */
export const ConfigFileSchema = z
  .object({
    model: SETTING_SCHEMAS.model.optional(),
    region: SETTING_SCHEMAS.region.optional(),
    profile: SETTING_SCHEMAS.profile.optional(),
    system: SETTING_SCHEMAS.system.optional(),
    temperature: SETTING_SCHEMAS.temperature.optional(),
    maxTokens: SETTING_SCHEMAS.maxTokens.optional(),
    endpointUrl: SETTING_SCHEMAS.endpointUrl.optional(),
    timeoutMs: SETTING_SCHEMAS.timeoutMs.optional(),
    maxAttempts: SETTING_SCHEMAS.maxAttempts.optional(),
    retryMode: SETTING_SCHEMAS.retryMode.optional(),
    /** Where conversations live: `sqlite` (the default) or `dynamodb://<table>[?region=…]`. */
    store: SETTING_SCHEMAS.store.optional(),
    /** The service tier calls ask for unless they say otherwise: priority, default or flex. */
    tier: SETTING_SCHEMAS.tier.optional(),
    /** `optimized`: latency-optimized inference unless a call says otherwise. */
    latency: SETTING_SCHEMAS.latency.optional(),
    /** How many model calls a tool loop may make unless a call says otherwise (default 10). */
    maxSteps: SETTING_SCHEMAS.maxSteps.optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
export type ConfigKey = keyof ConfigFile;
export const CONFIG_KEYS = Object.keys(ConfigFileSchema.shape) as ConfigKey[];

function invalid(path: string, detail: string, cause?: unknown, hint?: string): BedrockChatError {
  return new BedrockChatError({
    code: 'CONFIG_INVALID',
    message: `The config file ${path} is invalid: ${detail}`,
    hint: hint ?? `Fix or delete ${path}, or change values with \`bedrock-chat config set <key> <value>\`.`,
    cause,
    details: { path },
  });
}

/** One key of the config file that breaks its rule (or is not a setting at all). */
export interface ConfigFileProblem {
  key: string;
  /** `maxSteps must be a whole number of model calls from 1 to 100 (got 500).` */
  message: string;
  /** The exact command that repairs it: `bedrock-chat config unset maxSteps`, or a set to the limit. */
  repair: string;
}

/** The config file as written, valid or not: what `config list`, `set` and `unset` work on. */
export interface ConfigFileEntries {
  /** Every key in the file, with the value as stored: settings in the schema's order, others after. */
  values: Record<string, unknown>;
  /** The keys that break their rule, in that order; empty for a valid file. */
  problems: ConfigFileProblem[];
}

function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as string[]).includes(key);
}

function problemOf(key: string, value: unknown): ConfigFileProblem | undefined {
  if (!isConfigKey(key)) {
    return {
      key,
      message: `root: Unrecognized key: ${JSON.stringify(key)}`,
      repair: `remove ${JSON.stringify(key)} from the file`,
    };
  }
  const schema = SETTING_SCHEMAS[key];
  if (schema.safeParse(value).success) return undefined;
  const shown = redactSecrets(String(JSON.stringify(value))).slice(0, 200);
  const unset = `bedrock-chat config unset ${key}`;
  // A number past its limit (an older release allowed more) is repaired by the limit itself.
  const max = 'maxValue' in schema ? schema.maxValue : null;
  const repair =
    typeof value === 'number' && typeof max === 'number' && Number.isFinite(max) && value > max
      ? `\`${unset}\` or \`bedrock-chat config set ${key} ${max}\``
      : `\`${unset}\``;
  return { key, message: `${key} must be ${SETTING_EXPECTED[key]} (got ${shown}).`, repair };
}

/**
 * Reads the config file without refusing bad values, so the repair tools work on the file the
 * refusal names. A missing file is empty; a file that is not a JSON object is still CONFIG_INVALID.
 */
export async function readConfigFileEntries(path: string): Promise<ConfigFileEntries> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { values: {}, problems: [] };
    throw invalid(path, (error as Error).message, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(path, 'not valid JSON', error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(path, 'root: expected a JSON object');
  }
  // In the schema's key order (the order `config list` shows and a rewrite keeps), others after.
  const written = json as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) if (Object.hasOwn(written, key)) values[key] = written[key];
  Object.assign(values, written);
  const problems = Object.entries(values).flatMap(([key, value]) => problemOf(key, value) ?? []);
  return { values, problems };
}

/** Reads the config file; a missing file is an empty config. Every bad key is named, with its repair. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  const { values, problems } = await readConfigFileEntries(path);
  if (problems.length > 0) {
    // A bad setting reads as it does from a flag or a variable: what it must be, and what it is.
    const repairs = problems.map((problem) => problem.repair).join('; ');
    throw invalid(
      path,
      problems.map((problem) => problem.message).join(' '),
      undefined,
      `Repair it with ${repairs}, or fix or delete ${path}.`,
    );
  }
  return ConfigFileSchema.parse(values);
}

/**
 * Writes the file's entries as they are, after `config set` checked the one key it sets: the other
 * keys stay as written, valid or not, so repairing one key never loses another.
 */
export async function writeConfigFileEntries(path: string, values: Record<string, unknown>): Promise<void> {
  try {
    makeDirectory(dirname(path));
    writeFileAtomically(path, `${JSON.stringify(values, null, 2)}\n`);
  } catch (error) {
    // Said as `mcp add` says it for the MCP server list: the file, the errno, what to check.
    throw new BedrockChatError({
      code: 'CONFIG_INVALID',
      message: `Cannot write the config file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      hint: 'Check that the config directory is writable and has free space (BEDROCK_CHAT_HOME).',
      cause: error,
      details: { path },
    });
  }
}

/** Writes the config file atomically, private to the user (directory 0700, file 0600). */
export async function writeConfigFile(path: string, config: ConfigFile): Promise<void> {
  await writeConfigFileEntries(path, ConfigFileSchema.parse(config));
}
