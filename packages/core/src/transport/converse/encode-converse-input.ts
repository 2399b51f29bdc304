import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { RequestDraft } from '../../request/chat-request.js';
import { toSdkMessages, toSdkSystem } from './to-sdk-messages.js';

/** A built request → the ConverseCommand (and ConverseStreamCommand) input. Pure. */
export function encodeConverseInput(draft: RequestDraft): ConverseCommandInput {
  return {
    modelId: draft.modelId,
    messages: toSdkMessages(draft.messages),
    inferenceConfig: draft.inferenceConfig,
    ...(draft.system ? { system: toSdkSystem(draft.system) } : {}),
    ...(draft.modelFields
      ? {
          additionalModelRequestFields:
            draft.modelFields as ConverseCommandInput['additionalModelRequestFields'],
        }
      : {}),
  };
}
