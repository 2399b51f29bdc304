import { isUnknownModel, type ResolvedModel } from '@bedrock-chat/core';
import { ENV } from './server-config.js';

/**
 * Warnings for allowlist entries that core's model table does not know (a typo such as
 * `nosuchmodel`, or a model newer than this release), as the CLI's model check warns for `-m`.
 * They stay allowed as written: refusing them would lock out a new model id until an upgrade, and
 * Bedrock answers a wrong one with MODEL_NOT_FOUND anyway. ARNs are not judged. Names resolve
 * as `chat` resolves them (the server's region).
 */
export async function allowedModelWarnings(
  allowedModels: readonly string[] | undefined,
  resolve: (name: string) => Promise<ResolvedModel>,
): Promise<string[]> {
  const names = allowedModels ?? [];
  const resolved = await Promise.all(names.map(resolve));
  const unknown = names.filter((_name, index) => {
    const model = resolved[index];
    return model !== undefined && isUnknownModel(model);
  });
  return unknown.map(
    (name) =>
      `warning: ${ENV.allowedModels} names "${name}", which is not in bedrock-chat's model table (a typo, or a model newer than this release): it is allowed as written and Bedrock decides whether it works.`,
  );
}
