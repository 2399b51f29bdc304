import { type ListedModel, type ModelListing, modelsMissingFromTable } from '@bedrock-chat/core';
import type { CommandContext } from '../cli-deps.js';
import type { ConnectionFlags } from '../cli-options.js';
import { clientOptions } from '../client-options.js';
import { EXIT_CODES } from '../exit-codes.js';

/** `models --json`. */
export interface ModelsJson {
  region: string;
  source: ModelListing['source'];
  /** Why the built-in table is shown instead of Bedrock's answer; null when Bedrock answered. */
  fallbackReason: { code: string; message: string; hint?: string | undefined } | null;
  models: ListedModel[];
}

function note(model: ListedModel): string {
  if (!model.inBuiltInTable && model.provider === 'Anthropic')
    return 'not in the built-in table: cost unknown';
  if (!model.invocable)
    return model.kind === 'foundation-model' ? 'inference profile only' : (model.status ?? '');
  return model.status && model.status !== 'ACTIVE' ? model.status.toLowerCase() : '';
}

/**
 * On-demand input/output USD per million tokens from the built-in table (`3/15`, the `global.`
 * price where the model has one); `?` for a Claude model the table lacks.
 */
function prices(model: ListedModel): string {
  const price = model.pricePerMillion;
  if (price) return `${price.input}/${price.output}`;
  return model.provider === 'Anthropic' ? '?' : '';
}

export function formatModelTable(models: readonly ListedModel[]): string {
  // The `claude-…` spellings of each alias add width, not information.
  const aliases = (model: ListedModel) =>
    model.aliases.filter((alias) => !alias.startsWith('claude-')).join(', ');
  const rows = models.map((model) => [model.modelId, model.name, aliases(model), prices(model), note(model)]);
  const header = ['MODEL ID', 'NAME', 'ALIASES', 'USD/MTOK IN/OUT', 'NOTE'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  return `${[header, ...rows]
    .map((cells) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** `bedrock-chat models`: what the region offers, from the control plane or the built-in table. */
export async function runModels(
  context: CommandContext,
  options: ConnectionFlags & { json: boolean },
): Promise<number> {
  const { io, deps } = context;
  const listing = await deps.listModels(clientOptions(io, options));
  for (const notice of listing.notices ?? []) io.stderr.write(`${notice}\n`);
  const reason = listing.fallbackReason;
  if (options.json) {
    const json: ModelsJson = {
      region: listing.region,
      source: listing.source,
      fallbackReason: reason ? { code: reason.code, message: reason.message, hint: reason.hint } : null,
      models: listing.models,
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_CODES.success;
  }
  if (reason) {
    io.stderr.write(
      `warning: could not list models from Bedrock (${reason.message}); showing the built-in table for ${listing.region}.\n`,
    );
  }
  io.stdout.write(formatModelTable(listing.models));
  if (listing.cacheError) {
    io.stderr.write(`note: the model list could not be cached (${listing.cacheError.message}).\n`);
  }
  const missing = modelsMissingFromTable(listing);
  if (missing.length > 0) {
    const names = [...new Set(missing.map((model) => model.baseModelId ?? model.modelId))].join(', ');
    io.stderr.write(
      `note: Bedrock serves ${missing.length === 1 ? 'a Claude model' : 'Claude models'} this release's built-in table does not know (${names}): they work, with their cost unknown.\n`,
    );
  }
  return EXIT_CODES.success;
}
