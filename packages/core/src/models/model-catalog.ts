import { CLAUDE_4_MODELS } from './catalog-claude-4.js';
import { CLAUDE_5_MODELS } from './catalog-claude-5.js';
import { MODEL_FAMILIES, type ModelFamily, type ModelInfo } from './model-info.js';

/**
 * Claude models on Bedrock that bedrock-chat knows by name: the built-in table, which is the
 * offline fallback when the control plane cannot be asked. Each entry cites its sources.
 */
export const MODEL_CATALOG: readonly ModelInfo[] = [...CLAUDE_4_MODELS, ...CLAUDE_5_MODELS];

/** The newest model of a family, by release date. */
function newestOf(family: ModelFamily): ModelInfo | undefined {
  return MODEL_CATALOG.filter((model) => model.family === family).reduce<ModelInfo | undefined>(
    (newest, model) => (newest === undefined || model.released > newest.released ? model : newest),
    undefined,
  );
}

/**
 * Family aliases (`haiku`, `sonnet`, `opus`, `fable`) point at the newest model of each family.
 * They move when the table gains a model; a stored conversation keeps the id it resolved to.
 */
export const FAMILY_ALIASES: Readonly<Record<ModelFamily, string>> = Object.fromEntries(
  MODEL_FAMILIES.flatMap((family) => {
    const newest = newestOf(family);
    return newest ? [[family, newest.baseModelId]] : [];
  }),
) as Record<ModelFamily, string>;

/** The model used when nothing else is configured. */
export const DEFAULT_MODEL_ALIAS = 'sonnet';

const byBaseId = new Map(MODEL_CATALOG.map((model) => [model.baseModelId, model]));

export function findModelByBaseId(baseModelId: string): ModelInfo | undefined {
  return byBaseId.get(baseModelId);
}
