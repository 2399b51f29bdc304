import type { RequestFeature } from '../request-feature.js';

/**
 * The caller's `additionalModelRequestFields`, merged over what earlier features put there: the
 * caller asked for exactly these, so theirs win, and each field that replaces one of ours is
 * named in a warning (the request is then not what the typed option described).
 */
export const rawModelFieldsFeature: RequestFeature = {
  name: 'raw-model-fields',
  applies: (request) => request.raw !== undefined,
  request(draft, { request }) {
    const raw = request.raw ?? {};
    const ours = draft.modelFields;
    const warnings = ours
      ? Object.keys(raw)
          .filter((key) => Object.hasOwn(ours, key))
          .map(
            (key) =>
              `additionalModelRequestFields.${key} replaced the ${key} bedrock-chat set from your options.`,
          )
      : [];
    return { draft: { ...draft, modelFields: { ...ours, ...raw } }, warnings };
  },
};
