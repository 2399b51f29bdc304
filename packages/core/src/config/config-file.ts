import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BedrockChatError } from '../errors/bedrock-chat-error.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import { makeDirectory } from '../files/make-directory.js';
import { writeFileAtomically } from '../files/write-file-atomically.js';
import { SETTING_EXPECTED, SETTING_SCHEMAS, type SettingKey } from './settings.js';

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

function invalid(path: string, detail: string, cause?: unknown): BedrockChatError {
  return new BedrockChatError({
    code: 'CONFIG_INVALID',
    message: `The config file ${path} is invalid: ${detail}`,
    hint: `Fix or delete ${path}, or change values with \`bedrock-chat config set <key> <value>\`.`,
    cause,
    details: { path },
  });
}

/** Reads the config file; a missing file is an empty config. */
export async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw invalid(path, (error as Error).message, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(path, 'not valid JSON', error);
  }
  const parsed = ConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.length === 1 ? String(issue.path[0]) : undefined;
    // A bad setting reads as it does from a flag or a variable: what it must be, and what it is.
    if (key !== undefined && Object.hasOwn(SETTING_EXPECTED, key) && issue?.code !== 'unrecognized_keys') {
      const shown = redactSecrets(String(JSON.stringify((json as Record<string, unknown>)[key]))).slice(
        0,
        200,
      );
      throw invalid(path, `${key} must be ${SETTING_EXPECTED[key as SettingKey]} (got ${shown}).`);
    }
    throw invalid(path, `${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Writes the config file atomically, private to the user (directory 0700, file 0600). */
export async function writeConfigFile(path: string, config: ConfigFile): Promise<void> {
  const valid = ConfigFileSchema.parse(config);
  const directory = dirname(path);
  makeDirectory(directory);
  writeFileAtomically(path, `${JSON.stringify(valid, null, 2)}\n`);
}
