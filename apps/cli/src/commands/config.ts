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
    /** The file as written: the repair commands work on a file whose values break their rules. */
    read: () => core.readConfigFileEntries(path),
    write: (values: Record<string, unknown>) => core.writeConfigFileEntries(path, values),
  };
}

/**
 * A listing is what gets pasted into a bug report: it goes through the one redaction, so an
 * `endpointUrl` of `http://user:password@host` shows `http://[redacted]@host`. `config get` prints
 * the value as stored, for scripts.
 */
export async function runConfigList(context: CommandContext, options: { json: boolean }): Promise<number> {
  const file = await configFile(context);
  const { values, problems } = await file.read();
  const { redactSecrets } = await import('@bedrock-chat/core');
  const shown = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactSecrets(value) : value,
    ]),
  );
  const { stdout, stderr } = context.io;
  const broken = new Map(problems.map((problem) => [problem.key, problem]));
  if (options.json) {
    stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    const entries = Object.entries(shown);
    if (entries.length === 0) stderr.write(`(nothing set in ${file.path})\n`);
    for (const [key, value] of entries) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const problem = broken.get(key);
      stdout.write(`${key}=${text}${problem ? `  (invalid: ${problem.message})` : ''}\n`);
    }
  }
  // Each bad key once more on stderr, with the command that repairs it.
  for (const problem of problems) {
    stderr.write(`${file.path}: ${problem.message} Repair: ${problem.repair}.\n`);
  }
  return EXIT_CODES.success;
}

export async function runConfigGet(context: CommandContext, name: string): Promise<number> {
  const key = parseConfigKey(name);
  const file = await configFile(context);
  const { values, problems } = await file.read();
  const value = values[key];
  if (value === undefined) context.io.stderr.write(`(${key} is not set)\n`);
  else context.io.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  const problem = problems.find((candidate) => candidate.key === key);
  if (problem) context.io.stderr.write(`${file.path}: ${problem.message} Repair: ${problem.repair}.\n`);
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
  const { values } = await file.read();
  await file.write({ ...values, [key]: value });
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
  const { [key]: removed, ...rest } = (await file.read()).values;
  if (removed === undefined) {
    context.io.stderr.write(`(${key} was not set in ${file.path}: nothing to unset)\n`);
    return EXIT_CODES.success;
  }
  await file.write(rest);
  context.io.stderr.write(`Unset ${key} in ${file.path}.\n`);
  return EXIT_CODES.success;
}
