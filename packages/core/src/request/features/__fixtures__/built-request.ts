import type { ChatOptions } from '../../../client/chat-types.js';
import type { BedrockChatError } from '../../../errors/bedrock-chat-error.js';
import { resolveModel } from '../../../models/resolve-model.js';
import { toChatRequest } from '../../chat-request.js';
import { buildRequest } from '../../pipeline.js';

export const hello = [{ role: 'user' as const, content: [{ text: 'hello' }] }];

/** A one-prompt request through the whole pipeline, for `model` in us-east-1. */
export function build(model: string, options: ChatOptions) {
  return buildRequest(toChatRequest(hello, options), resolveModel(model, 'us-east-1'));
}

/** The coded error the pipeline refuses the request with. */
export function refusal(model: string, options: ChatOptions): BedrockChatError {
  try {
    build(model, options);
  } catch (error) {
    return error as BedrockChatError;
  }
  throw new Error('expected the request to be refused');
}
