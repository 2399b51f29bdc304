import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatOptions } from '../../client/chat-types.js';
import type { InferenceConfig, Message } from '../../messages/message-schemas.js';
import type { ResolvedModel } from '../../models/resolve-model.js';
import { type ChatDefaults, toChatRequest } from '../../request/chat-request.js';
import { buildRequest } from '../../request/pipeline.js';
import { encodeConverseInput } from './encode-converse-input.js';

/** What {@link buildConverseInput} returns. */
export interface BuiltConverseInput {
  input: ConverseCommandInput;
  inferenceConfig: InferenceConfig;
  /** Settings left out because the model refuses them, one sentence each. */
  warnings: string[];
}

/**
 * The ConverseCommand input for a call, as the client sends it: the request pipeline
 * (`request/pipeline.ts`) encoded for Converse. Pure; public, for callers that send the command
 * themselves. `options` as `parseChatOptions` passed them, `defaults` as the config file's schema did.
 */
export function buildConverseInput(
  messages: readonly Message[],
  options: ChatOptions,
  model: ResolvedModel,
  defaults: ChatDefaults = {},
): BuiltConverseInput {
  const { draft, warnings } = buildRequest(toChatRequest(messages, options, defaults), model);
  return { input: encodeConverseInput(draft), inferenceConfig: draft.inferenceConfig, warnings };
}
