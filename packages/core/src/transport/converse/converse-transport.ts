import type { ConverseCommandInput, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { CallAbortSignal } from '../../client/call-signal.js';
import type { ChatStreamEvent } from '../../client/chat-types.js';
import { type ConverseSender, loadBedrockRuntimeSdk } from './bedrock-runtime-client.js';
import { type DecodedReply, decodeConverseResponse } from './decode-converse-response.js';
import { StreamAccumulator } from './stream-accumulator.js';

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
  /** Called on every stream event: each one restarts the idle deadline. */
  onEvent?: (() => void) | undefined;
}

/** One Converse call. Errors are the SDK's, unmapped: the client maps them in one place. */
export async function sendConverse(call: ConverseCall): Promise<DecodedReply> {
  const { ConverseCommand } = await loadBedrockRuntimeSdk();
  const response = await call.sender.send(new ConverseCommand(call.input), { abortSignal: call.signal });
  return decodeConverseResponse(response);
}

/** One ConverseStream call: yields the deltas, returns the reply once the stream has stopped. */
export async function* streamConverse(call: ConverseCall): AsyncGenerator<ChatStreamEvent, DecodedReply> {
  const { ConverseStreamCommand } = await loadBedrockRuntimeSdk();
  const response = await call.sender.send(new ConverseStreamCommand(call.input), {
    abortSignal: call.signal,
  });
  const events: AsyncIterable<ConverseStreamOutput> | undefined = response.stream;
  if (!events) throw new Error('Bedrock returned no event stream');
  const accumulator = new StreamAccumulator();
  for await (const event of events) {
    call.onEvent?.();
    for (const out of accumulator.push(event)) yield out;
  }
  if (call.signal.aborted) throw call.signal.reason;
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
