import type { ConfigFile } from '@bedrock-chat/core';
import type { CommandContext } from '../cli-deps.js';
import { clientOptions } from '../client-options.js';
import { EXIT_CODES } from '../exit-codes.js';
import { checkModel, formatModelWarning } from '../model-check.js';
import { parseConfigKey, parseConfigValue } from '../option-values.js';

async function configFile(context: CommandContext) {
  const core = await import('@bedrock-chat/core');
  const path = core.resolveConfigFilePath({ env: context.io.env });
  return {
    path,
    read: () => core.readConfigFile(path),
    write: (config: ConfigFile) => core.writeConfigFile(path, config),
  };
}

/**
 * A listing is what gets pasted into a bug report: it goes through the one redaction, so an
 * `endpointUrl` of `http://user:password@host` shows `http://[redacted]@host`. `config get` prints
 * the value as stored, for scripts.
 */
export async function runConfigList(context: CommandContext, options: { json: boolean }): Promise<number> {
  const file = await configFile(context);
  const config = await file.read();
  const { redactSecrets } = await import('@bedrock-chat/core');
  const shown = Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactSecrets(value) : value,
    ]),
  );
  const { stdout, stderr } = context.io;
  if (options.json) {
    stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return EXIT_CODES.success;
  }
  const entries = Object.entries(shown);
  if (entries.length === 0) stderr.write(`(nothing set in ${file.path})\n`);
  for (const [key, value] of entries) stdout.write(`${key}=${String(value)}\n`);
  return EXIT_CODES.success;
}

export async function runConfigGet(context: CommandContext, name: string): Promise<number> {
  const key = parseConfigKey(name);
  const config = await (await configFile(context)).read();
  const value = config[key];
  if (value === undefined) context.io.stderr.write(`(${key} is not set)\n`);
  else context.io.stdout.write(`${String(value)}\n`);
  return EXIT_CODES.success;
}

/** doctor's model check for a model about to be the default, in the region calls would use. */
async function defaultModelWarning(context: CommandContext, model: string): Promise<string> {
  const core = await import('@bedrock-chat/core');
  let region: string;
  try {
    region = (await core.resolveConfig(clientOptions(context.io, {}))).region.value;
  } catch {
    // The value is written; a setting that does not resolve (doctor says why) only loses the check.
    return '';
  }
  return formatModelWarning(checkModel(core.resolveModel(model, region), region));
}

export async function runConfigSet(context: CommandContext, name: string, raw: string): Promise<number> {
  const key = parseConfigKey(name);
  const value = parseConfigValue(key, raw, key);
  const file = await configFile(context);
  const config = await file.read();
  await file.write({ ...config, [key]: value });
  const { redactSecrets } = await import('@bedrock-chat/core');
  context.io.stderr.write(`Set ${key}=${redactSecrets(String(value))} in ${file.path}.\n`);
  if (key === 'model' && typeof value === 'string') {
    context.io.stderr.write(await defaultModelWarning(context, value));
  }
  return EXIT_CODES.success;
}

export async function runConfigUnset(context: CommandContext, name: string): Promise<number> {
  const key = parseConfigKey(name);
  const file = await configFile(context);
  const { [key]: removed, ...rest } = await file.read();
  if (removed === undefined) {
    context.io.stderr.write(`(${key} was not set in ${file.path}: nothing to unset)\n`);
    return EXIT_CODES.success;
  }
  await file.write(rest);
  context.io.stderr.write(`Unset ${key} in ${file.path}.\n`);
  return EXIT_CODES.success;
}
