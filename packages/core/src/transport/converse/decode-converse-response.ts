import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { Message, StopReason, Usage } from '../../messages/message-schemas.js';
import { droppedBlocksWarning, fromSdkMessage } from './from-sdk-message.js';
import { usageFromSdk } from './map-usage.js';

/** A reply as every transport hands it to the client: the message, why it stopped, usage. */
export interface DecodedReply {
  message: Message;
  stopReason: StopReason;
  usage: Usage;
  /** What the reply held that could not be kept, one sentence each; empty as a rule. */
  warnings: string[];
}

/** A Converse response → the reply. Pure. */
export function decodeConverseResponse(response: ConverseCommandOutput): DecodedReply {
  const { message, dropped } = fromSdkMessage(response.output?.message);
  return {
    message,
    stopReason: (response.stopReason ?? 'end_turn') as StopReason,
    usage: usageFromSdk(response.usage),
    warnings: droppedBlocksWarning(dropped),
  };
}
