import type { ConverseCommandInput, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { CallAbortSignal } from '../../client/call-signal.js';
import {
  type ConverseSender,
  loadBedrockRuntimeSdk,
  loadedBedrockRuntimeSdk,
} from './bedrock-runtime-client.js';
import { type DecodedReply, decodeConverseResponse } from './decode-converse-response.js';
import type { StreamAccumulator } from './stream-accumulator.js';

/** Mapped to NETWORK_ERROR by `mapBedrockError` (its code is a network code). */
class StreamCutOffError extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('the connection closed before the reply was complete');
    this.name = 'StreamCutOffError';
  }
}

/** What a transport call needs: the sender, the encoded input and the call's signal. */
export interface ConverseCall {
  sender: ConverseSender;
  input: ConverseCommandInput;
  signal: CallAbortSignal;
}

/** One Converse call. Errors are the SDK's, unmapped: the client maps them in one place. */
export async function sendConverse(call: ConverseCall): Promise<DecodedReply> {
  const { ConverseCommand } = loadedBedrockRuntimeSdk() ?? (await loadBedrockRuntimeSdk());
  const response = await call.sender.send(new ConverseCommand(call.input), { abortSignal: call.signal });
  return decodeConverseResponse(response);
}

/**
 * One ConverseStream call, opened: the SDK's events, for the caller to fold with a
 * {@link StreamAccumulator} and end with {@link streamedReply}. The caller reads them in its own
 * loop rather than through a generator here: each generator layer between the SDK and the user
 * costs a few microtask hops per event, several per cent of the CPU of a long reply.
 */
export async function openConverseStream(call: ConverseCall): Promise<AsyncIterable<ConverseStreamOutput>> {
  const { ConverseStreamCommand } = loadedBedrockRuntimeSdk() ?? (await loadBedrockRuntimeSdk());
  const response = await call.sender.send(new ConverseStreamCommand(call.input), {
    abortSignal: call.signal,
  });
  const events: AsyncIterable<ConverseStreamOutput> | undefined = response.stream;
  if (!events) throw new Error('Bedrock returned no event stream');
  return events;
}

/** The reply once the events have ended, or why it is not whole (cancelled, cut off). */
export function streamedReply(accumulator: StreamAccumulator, signal: CallAbortSignal): DecodedReply {
  if (signal.aborted) throw signal.reason;
  // Over HTTP/2 the SDK ends the iteration quietly when the connection drops mid-stream.
  if (!accumulator.stopped) throw new StreamCutOffError();
  return {
    message: accumulator.message(),
    stopReason: accumulator.stopReason,
    usage: accumulator.usage,
    warnings: [],
    served: accumulator.served,
  };
}
