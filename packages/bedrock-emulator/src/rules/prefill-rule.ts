import { modelError, type RequestRule } from './request-rule.js';

/** A final assistant message (prefill), refused by the models whose catalogue entry says so. */
export const prefillRefusal: RequestRule = (request, model) =>
  model.refusesPrefill && request.messages.at(-1)?.role === 'assistant'
    ? modelError(
        'This model does not support assistant message prefill. The conversation must end with a user message.',
      )
    : null;
