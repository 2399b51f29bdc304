import type { RequestFeature } from '../request-feature.js';

export const stopSequencesFeature: RequestFeature = {
  name: 'stop-sequences',
  applies: (request) => (request.stopSequences?.length ?? 0) > 0,
  request(draft, { request }) {
    const stopSequences = [...(request.stopSequences ?? [])];
    return { draft: { ...draft, inferenceConfig: { ...draft.inferenceConfig, stopSequences } } };
  },
};
