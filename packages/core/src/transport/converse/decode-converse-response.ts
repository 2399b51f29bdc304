import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { Message, StopReason, Usage } from '../../messages/message-schemas.js';
import { droppedBlocksWarning, fromSdkMessage } from './from-sdk-message.js';
import { usageFromSdk } from './map-usage.js';
import { type ServedSettings, servedSettingsFromSdk } from './served-settings.js';

/** A reply as every transport hands it to the client: the message, why it stopped, usage. */
export interface DecodedReply {
  message: Message;
  stopReason: StopReason;
  usage: Usage;
  /** What the reply held that could not be kept, one sentence each; empty as a rule. */
  warnings: string[];
  /** The tier and latency Bedrock reports it served the call with (empty when it names none). */
  served?: ServedSettings | undefined;
}

/** A Converse response → the reply. Pure. */
export function decodeConverseResponse(response: ConverseCommandOutput): DecodedReply {
  const { message, dropped } = fromSdkMessage(response.output?.message);
  const served = servedSettingsFromSdk(response.serviceTier, response.performanceConfig);
  return {
    message,
    stopReason: (response.stopReason ?? 'end_turn') as StopReason,
    usage: usageFromSdk(response.usage),
    warnings: droppedBlocksWarning(dropped),
    ...(Object.keys(served).length > 0 ? { served } : {}),
  };
}
