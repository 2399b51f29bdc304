import type { ListedModel, ModelListing } from '@bedrock-chat/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { allowedModelKeys, defaultModelWithin, modelResolverOf } from '../runtime/cost-limits.js';
import type { ServerDeps } from '../server-deps.js';
import { jsonResult } from './json-result.js';
import { mapToolErrors, type ToolExtra } from './tool-errors.js';

export const ListModelsInputSchema = z.strictObject({});

export const ListModelsOutputSchema = z.object({
  region: z.string(),
  /** Set when Bedrock could not be asked and the built-in catalogue answered instead: why. */
  note: z.string().optional(),
  /** The model a chat without `model` uses for a new conversation (within the allowlist), when known. */
  defaultModel: z.string().nullable(),
  models: z.array(
    z.object({
      /** Pass this, or one of `aliases`, as chat's `model`. */
      modelId: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      /** USD per million tokens; null when unknown. */
      inputUsdPerMTok: z.number().nullable(),
      outputUsdPerMTok: z.number().nullable(),
    }),
  ),
});
export type ListModelsOutput = z.infer<typeof ListModelsOutputSchema>;

/** A listed model's key as `modelKey` gives it: the base id of a catalogued model, else its id. */
function listedModelKey(model: ListedModel): string {
  return model.inBuiltInTable && model.baseModelId ? model.baseModelId : model.modelId.toLowerCase();
}

/**
 * What `chat` can use: the invocable models of the listing, narrowed to the allowlist's keys when
 * one is set (compared as `chat` compares them: aliases, ids and profiles of one model are the same).
 */
export function toModelsOutput(
  listing: ModelListing,
  allowed: ReadonlySet<string> | undefined,
  defaultModel: string | undefined,
): ListModelsOutput {
  const models = listing.models
    .filter((model) => model.invocable && (allowed === undefined || allowed.has(listedModelKey(model))))
    .map((model) => ({
      modelId: model.modelId,
      name: model.name,
      aliases: model.aliases,
      inputUsdPerMTok: model.pricePerMillion?.input ?? null,
      outputUsdPerMTok: model.pricePerMillion?.output ?? null,
    }));
  const note =
    listing.source === 'built-in'
      ? `Bedrock's model list could not be read (${listing.fallbackReason?.message ?? 'unknown reason'}); these are the models bedrock-chat knows. Access to each still depends on the account.`
      : undefined;
  return {
    region: listing.region,
    ...(note === undefined ? {} : { note }),
    defaultModel: defaultModel ?? null,
    models,
  };
}

export function registerModelsTool(server: McpServer, deps: ServerDeps): void {
  const { listModels } = deps;
  if (listModels === undefined) return;
  server.registerTool(
    'list_models',
    {
      title: 'List models',
      description:
        "List the models chat can use in this server's region, with aliases and prices (USD per million tokens).",
      inputSchema: ListModelsInputSchema,
      outputSchema: ListModelsOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    mapToolErrors(
      'list_models',
      async (_args: z.infer<typeof ListModelsInputSchema>, extra: ToolExtra): Promise<CallToolResult> => {
        const { limits } = deps.config;
        // Bounded like a chat call: past the deadline core answers with its built-in catalogue.
        const [listing, configured] = await Promise.all([
          listModels({ signal: extra.signal, timeoutMs: limits.timeoutMs }),
          deps.defaultModel?.() ?? Promise.resolve(undefined),
        ]);
        const resolve = modelResolverOf(deps.runner);
        const [allowed, defaultModel] = await Promise.all([
          allowedModelKeys(limits.allowedModels, resolve),
          defaultModelWithin(limits.allowedModels, configured, resolve),
        ]);
        return jsonResult(toModelsOutput(listing, allowed, defaultModel));
      },
      deps.log,
      { allowedModels: deps.config.limits.allowedModels },
    ),
  );
}
