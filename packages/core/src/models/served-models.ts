import { z } from 'zod';

/**
 * What Bedrock's control plane said it serves in one region (ListInferenceProfiles and
 * ListFoundationModels), kept small enough to read on every call: the ids a model can be called
 * by and whether each is callable. The built-in table still gives names, limits and prices.
 */
export const ServedModelSchema = z.object({
  /** An inference profile id (`us.anthropic.…`) or a foundation-model id. */
  modelId: z.string().min(1),
  kind: z.enum(['inference-profile', 'foundation-model']),
  /** The foundation model behind a profile (from its model ARN), or the foundation model itself. */
  baseModelId: z.string().min(1).optional(),
  provider: z.string().optional(),
  name: z.string(),
  /** Callable as is: an ACTIVE profile, or a foundation model with ON_DEMAND throughput. */
  invocable: z.boolean(),
});
export type ServedModel = z.infer<typeof ServedModelSchema>;

export const ServedModelsSchema = z.object({
  version: z.literal(1),
  region: z.string().min(1),
  /** When the control plane answered (ISO 8601). */
  fetchedAt: z.iso.datetime({ offset: true }),
  models: z.array(ServedModelSchema),
});
export type ServedModels = z.infer<typeof ServedModelsSchema>;

const indexes = new WeakMap<ServedModels, ReadonlyMap<string, ServedModel>>();

/** The served models by id, built once per snapshot. */
export function servedIndex(served: ServedModels): ReadonlyMap<string, ServedModel> {
  let index = indexes.get(served);
  if (!index) {
    index = new Map(served.models.map((model) => [model.modelId, model]));
    indexes.set(served, index);
  }
  return index;
}

/** Whether `modelId` can be called in the snapshot's region: listed and invocable. */
export function isServed(served: ServedModels, modelId: string): boolean {
  return servedIndex(served).get(modelId)?.invocable === true;
}
